package io.kecs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import io.kecs.store.CorruptRecordException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Issue 12, item 5: start-up names an unreadable record (kind, id, file) and the commands past it;
 * {@code kecs store check} lists it, {@code kecs store repair --quarantine} moves it into a file,
 * and the server then starts with the rest.
 */
class CorruptRecordIT {

  @Test
  void aCorruptRowIsNamedAndCanBeQuarantined() throws Exception {
    Path data = Files.createTempDirectory("kecs-corrupt").resolve("data");
    ServerConfig config = ServerConfig.forTests().withDataDir(data);
    try (KecsServer kecs = KecsServer.start(config);
        EcsClient ecs = client(kecs)) {
      ecs.createCluster(r -> r.clusterName("broken"));
      ecs.createCluster(r -> r.clusterName("fine"));
    }
    String brokenArn = "arn:aws:ecs:us-east-1:000000000000:cluster/broken";
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("kecs.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "UPDATE records SET body = '{\"clusterName\": \"broken\", ' WHERE id = '"
              + brokenArn
              + "'");
    }

    assertThatThrownBy(() -> KecsServer.start(config))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("cluster record " + brokenArn)
        .hasMessageContaining(data.resolve("kecs.db").toString())
        .hasMessageContaining("kecs store check")
        .hasMessageContaining("kecs store repair --quarantine");

    String[] dir = {"--data-dir", data.toString()};
    CliRun check = CliRun.run("store", "check", dir[0], dir[1]);
    assertThat(check.exitCode()).as(check.toString()).isEqualTo(1);
    assertThat(check.out())
        .as(check.toString())
        .contains("corrupt cluster " + brokenArn)
        .contains("1 unreadable");

    CliRun repair = CliRun.run("store", "repair", "--quarantine", dir[0], dir[1]);
    assertThat(repair.exitCode()).as(repair.toString()).isZero();
    List<Path> quarantined;
    try (var files = Files.list(data)) {
      quarantined =
          files.filter(p -> p.getFileName().toString().startsWith("quarantine-")).toList();
    }
    assertThat(quarantined).singleElement();
    assertThat(Files.readString(quarantined.get(0)))
        .contains(brokenArn)
        .contains("\\\"clusterName\\\": \\\"broken\\\", ");

    assertThat(CliRun.run("store", "check", dir[0], dir[1]).exitCode()).isZero();
    try (KecsServer kecs = KecsServer.start(config);
        EcsClient ecs = client(kecs)) {
      assertThat(ecs.describeClusters(r -> r.clusters("fine")).clusters()).hasSize(1);
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
