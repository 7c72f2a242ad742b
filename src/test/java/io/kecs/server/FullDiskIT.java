package io.kecs.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;

/**
 * Issue 12, item 4: with the store on a full file system (a 4 MiB tmpfs), a write fails with a 5xx
 * that names SQLITE_FULL, reads keep working, and writes resume once space is back. Skipped where a
 * tmpfs cannot be mounted (not root, no mount).
 */
class FullDiskIT {
  private Path mountPoint;

  @BeforeEach
  void mountSmallFileSystem() throws Exception {
    mountPoint = Files.createTempDirectory("kecs-full");
    assumeTrue(
        run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint.toString()),
        "cannot mount a tmpfs here");
  }

  @AfterEach
  void unmount() throws Exception {
    if (mountPoint != null) {
      run("umount", "-l", mountPoint.toString());
    }
  }

  private static boolean run(String... command) throws Exception {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void aFullDiskFailsWritesWithTheRealCauseAndWritesResumeWhenSpaceReturns() throws Exception {
    Path data = mountPoint.resolve("data");
    try (KecsServer kecs = KecsServer.start(ServerConfig.forTests().withDataDir(data));
        EcsClient ecs = client(kecs)) {
      ecs.createCluster(r -> r.clusterName("before"));
      Path filler = mountPoint.resolve("filler");
      fill(filler);

      assertThatThrownBy(() -> createUntilFull(ecs))
          .isInstanceOfSatisfying(
              EcsException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(500);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServerException");
                assertThat(e.awsErrorDetails().errorMessage())
                    .contains("SQLITE_FULL")
                    .doesNotContain("no transaction is active");
              });
      assertThat(ecs.describeClusters(r -> r.clusters("before")).clusters())
          .singleElement()
          .satisfies(c -> assertThat(c.status()).isEqualTo("ACTIVE"));

      Files.delete(filler);
      ecs.createCluster(r -> r.clusterName("after"));
      assertThat(ecs.describeClusters(r -> r.clusters("after")).clusters()).hasSize(1);
    }
    // What was acknowledged is there after a restart; the failed writes are not.
    try (KecsServer kecs = KecsServer.start(ServerConfig.forTests().withDataDir(data));
        EcsClient ecs = client(kecs)) {
      assertThat(ecs.describeClusters(r -> r.clusters("before", "after")).clusters()).hasSize(2);
    }
  }

  /** Writes clusters with large tags until the store refuses one (bounded). */
  private static void createUntilFull(EcsClient ecs) {
    String value = "v".repeat(250);
    for (int i = 0; i < 2_000; i++) {
      int n = i;
      ecs.createCluster(
          r ->
              r.clusterName("c" + n)
                  .tags(
                      java.util.stream.IntStream.range(0, 40)
                          .mapToObj(
                              t ->
                                  software.amazon.awssdk.services.ecs.model.Tag.builder()
                                      .key("k" + t)
                                      .value(value)
                                      .build())
                          .toList()));
    }
  }

  private static void fill(Path filler) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(filler)) {
      for (int i = 0; i < 1_000; i++) {
        out.write(block);
      }
    } catch (IOException full) {
      // ENOSPC: the file system is full, as wanted
    }
  }

  private static EcsClient client(KecsServer kecs) {
    return EcsClient.builder()
        .endpointOverride(kecs.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }
}
