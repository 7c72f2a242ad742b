package io.kecs.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;

/** Acknowledged writes survive a graceful restart and a {@code kill -9} in the middle of a load. */
class DurabilityIT {

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

  @Test
  void stateSurvivesAGracefulRestart() throws Exception {
    Path dir = Files.createTempDirectory("kecs-restart");
    try (KecsProcess kecs = KecsProcess.start("--data-dir=" + dir);
        EcsClient ecs = client(kecs)) {
      ecs.createCluster(r -> r.clusterName("kept").tags(t -> t.key("k").value("v")));
      ecs.createCluster(r -> r.clusterName("gone"));
      ecs.deleteCluster(r -> r.cluster("gone"));
      assertThat(kecs.stop(Duration.ofSeconds(20))).isIn(0, 143);
    }
    try (KecsProcess kecs = KecsProcess.start("--data-dir=" + dir);
        EcsClient ecs = client(kecs)) {
      List<Cluster> clusters =
          ecs.describeClusters(r -> r.clusters("kept", "gone").includeWithStrings("TAGS"))
              .clusters();
      assertThat(clusters)
          .extracting(Cluster::clusterName, Cluster::status)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("kept", "ACTIVE"),
              org.assertj.core.groups.Tuple.tuple("gone", "INACTIVE"));
      assertThat(
              clusters.stream()
                  .filter(c -> c.clusterName().equals("kept"))
                  .findFirst()
                  .orElseThrow()
                  .tags())
          .hasSize(1);
    }
  }

  @Test
  void acknowledgedWritesSurviveKillNine() throws Exception {
    Path dir = Files.createTempDirectory("kecs-kill");
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try (KecsProcess kecs = KecsProcess.start("--data-dir=" + dir);
        EcsClient ecs = client(kecs)) {
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService writers = Executors.newFixedThreadPool(8);
      for (int w = 0; w < 8; w++) {
        int writer = w;
        writers.submit(
            () -> {
              for (int i = 0; i < 5_000 && !stop.get(); i++) {
                String name = "w" + writer + "-" + i;
                try {
                  ecs.createCluster(r -> r.clusterName(name));
                  acknowledged.add(name);
                } catch (RuntimeException e) {
                  return; // the server is gone
                }
              }
            });
      }
      long deadline = System.currentTimeMillis() + 20_000;
      while (acknowledged.size() < 1_500 && System.currentTimeMillis() < deadline) {
        Thread.sleep(10);
      }
      kecs.kill();
      stop.set(true);
      writers.shutdown();
      assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSizeGreaterThan(100);
    try (KecsProcess kecs = KecsProcess.start("--data-dir=" + dir);
        EcsClient ecs = client(kecs)) {
      Set<String> present = ConcurrentHashMap.newKeySet();
      ecs.listClustersPaginator(r -> r.maxResults(100))
          .clusterArns()
          .forEach(a -> present.add(a.substring(a.lastIndexOf('/') + 1)));
      assertThat(present).containsAll(acknowledged);
    }
  }
}
