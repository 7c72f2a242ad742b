package io.kecs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The dashboard in a real browser: src/test/browser/dashboard-test.mjs drives Debian's chromium
 * through playwright-core against KECS started here, seeded through the AWS SDK. Skipped locally
 * without chromium or node; under CI (CI=true, where .ci/run installs both) it must run.
 */
class DashboardBrowserIT {
  static final String XSS_REASON = "<script>window.__xss=1</script> \"quoted\" & <b>bold</b>";

  @TempDir Path dataDir;
  private KecsServer server;
  private EcsClient ecs;

  @AfterEach
  void stop() {
    if (ecs != null) {
      ecs.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void dashboardShowsUpdatesAndActs() throws Exception {
    String missing = BrowserTools.missing();
    if (System.getenv("CI") == null) {
      assumeThat(missing).as("browser tools: %s", missing).isNull();
    }
    assertThat(missing).as("CI must have the browser tools").isNull();
    BrowserTools.installPlaywright();

    // An AWS backend that does not answer (a closed loopback port): the page must say so.
    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    ServerConfig config =
        ServerConfig.forTests().withDataDir(dataDir).toBuilder()
            .awsBackend(URI.create("http://127.0.0.1:" + closed))
            .build();
    server = KecsServer.start(config);
    URI endpoint = server.endpoint();
    ecs = client(endpoint);
    DashboardSeed seed = DashboardSeed.create(ecs);
    try (EcsClient eu =
        EcsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.EU_WEST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("123456789012", "secret")))
            .build()) {
      eu.createCluster(r -> r.clusterName("eu-cluster"));
    }

    Path shots =
        System.getenv("KECS_DASHBOARD_SHOTS") == null
            ? null
            : Files.createDirectories(Path.of(System.getenv("KECS_DASHBOARD_SHOTS")));
    ProcessBuilder pb =
        new ProcessBuilder("node", "dashboard-test.mjs")
            .directory(BrowserTools.BROWSER_DIR.toFile())
            .redirectErrorStream(true);
    pb.environment().put("KECS_URL", endpoint.toString());
    pb.environment().put("STOP_TASK_ID", seed.stopTaskId());
    if (shots != null) {
      pb.environment().put("SHOTS", shots.toAbsolutePath().toString());
    }
    Process node = pb.start();
    // A hung browser must not hang the build: the script's own waits are far shorter.
    CompletableFuture.delayedExecutor(5, TimeUnit.MINUTES).execute(node::destroyForcibly);
    StringBuilder output = new StringBuilder();
    try (BufferedReader out =
            new BufferedReader(
                new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        Writer in = new OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8)) {
      String line;
      while ((line = out.readLine()) != null) {
        System.out.println("browser: " + line);
        output.append(line).append('\n');
        if (line.equals("STEP restart")) {
          in.write(restart(config, endpoint) + "\n");
          in.flush();
        }
      }
    }
    assertThat(node.waitFor(3, TimeUnit.MINUTES)).isTrue();
    assertThat(output)
        .contains(
            "PASS clusters shown with counts",
            "PASS services shown",
            "PASS a service scaled through the API updates without a reload",
            "PASS tasks shown",
            "PASS a failed task shows its stop reason",
            "PASS user strings are shown escaped",
            "PASS scale action",
            "PASS an ECS error is shown",
            "PASS force new deployment action",
            "PASS stop task action",
            "PASS deregister task definition action",
            "PASS account and region picker",
            "PASS reconnects after a server restart")
        .containsPattern("\\d+ passed, 0 failed");

    // What the page did, seen through the SDK.
    Task stopped =
        ecs.describeTasks(r -> r.cluster("web-prod").tasks(seed.stopTaskId())).tasks().get(0);
    assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stoppedReason()).isEqualTo("stopped by the browser test");
    assertThat(
            ecs.describeTaskDefinition(r -> r.taskDefinition("old:1"))
                .taskDefinition()
                .statusAsString())
        .isEqualTo("INACTIVE");
    assertThat(
            ecs.describeServices(r -> r.cluster("web-prod").services("api"))
                .services()
                .get(0)
                .desiredCount())
        .isEqualTo(3);
  }

  /** Stops KECS, starts it again on the same port and store, and changes something. */
  private String restart(ServerConfig config, URI endpoint) {
    try {
      server.close();
      server = null;
      Thread.sleep(1500);
      server = KecsServer.start(config.toBuilder().port(endpoint.getPort()).build());
      ecs.createService(
          r ->
              r.cluster("web-prod")
                  .serviceName("after-restart")
                  .taskDefinition("api")
                  .desiredCount(1)
                  .launchType("FARGATE")
                  .networkConfiguration(DashboardSeed.NETWORK));
      return "ok";
    } catch (Exception e) {
      return "failed " + e;
    }
  }

  static EcsClient client(URI endpoint) {
    return EcsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(30)))
        .build();
  }
}
