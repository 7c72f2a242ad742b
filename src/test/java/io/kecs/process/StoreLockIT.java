package io.kecs.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Issue 12, item 3: a second server on a store in use is refused at start, naming the holder's pid
 * and endpoint, and the first one's acknowledged writes stay; the lock ends with the holder, also
 * on {@code kill -9}.
 */
class StoreLockIT {

  private static EcsClient client(KecsProcess kecs) {
    return EcsClient.builder()
        .endpointOverride(kecs.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  private static void register(EcsClient ecs, String image) {
    ecs.registerTaskDefinition(
        r ->
            r.family("web")
                .containerDefinitions(c -> c.name("app").image(image).memory(128).essential(true)));
  }

  @Test
  void aSecondServerOnTheSameStoreIsRefusedAndNothingIsLost() throws Exception {
    Path dir = Files.createTempDirectory("kecs-lock");
    try (KecsProcess first = KecsProcess.start("--data-dir=" + dir);
        EcsClient ecs = client(first)) {
      register(ecs, "nginx:1");

      KecsProcess.Ended second = KecsProcess.runToEnd(Duration.ofSeconds(60), "--data-dir=" + dir);

      assertThat(second.exitCode()).as(second.output()).isEqualTo(1);
      assertThat(second.output())
          .contains("is in use by another KECS")
          .contains("pid " + first.pid())
          .contains(":" + first.endpoint().getPort());
      register(ecs, "nginx:2");
      first.kill();
    }
    // kill -9 ended the holder: its lock went with it, and both acknowledged revisions are there.
    try (KecsProcess again = KecsProcess.start("--data-dir=" + dir);
        EcsClient ecs = client(again)) {
      TaskDefinition one =
          ecs.describeTaskDefinition(r -> r.taskDefinition("web:1")).taskDefinition();
      TaskDefinition two =
          ecs.describeTaskDefinition(r -> r.taskDefinition("web:2")).taskDefinition();
      assertThat(one.containerDefinitions().get(0).image()).isEqualTo("nginx:1");
      assertThat(two.containerDefinitions().get(0).image()).isEqualTo("nginx:2");
      assertThat(again.stop(Duration.ofSeconds(20))).isIn(0, 143);
    }
    // A graceful stop releases it too.
    try (KecsProcess third = KecsProcess.start("--data-dir=" + dir)) {
      assertThat(third.endpoint()).isNotNull();
    }
  }

  @Test
  void aDataDirThatIsAFileGetsAClearMessage() throws Exception {
    Path file = Files.createTempFile("kecs-not-a-dir", ".txt");
    KecsProcess.Ended run = KecsProcess.runToEnd(Duration.ofSeconds(60), "--data-dir=" + file);
    assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
    assertThat(run.output()).contains(file + " is a file, not a directory");
  }
}
