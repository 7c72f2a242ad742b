package io.kecs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kecs.cli.local.Processes;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * {@code kecs start / status / logs / stop} with the packaged jar, as a user runs them: a real
 * background server, its pid and log files, a graceful and idempotent stop, and a crashed server's
 * stale pid file.
 */
class BackgroundLifecycleIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void startStatusLogsStopAndStartAgainWithTheSameState() throws Exception {
    Path home = dir.resolve("home");
    Files.createDirectories(home);
    // settings from the config file in the home, one overridden by the environment
    Files.writeString(
        home.resolve("config.properties"), "region=eu-west-1\naccount=111122223333\n");
    Map<String, String> env =
        new HashMap<>(Map.of("KECS_HOME", home.toString(), "KECS_ACCOUNT", "444455556666"));
    String[] serverFlags = {"--port=0", "--admin-port=0", "--data-dir=" + dir.resolve("data")};

    JarRun start = JarRun.run(env, args("start", serverFlags));
    assertThat(start.exitCode()).as("%s", start).isZero();
    assertThat(start.err())
        .contains(
            "[1/2] Starting the server in the background",
            "[2/2] Waiting for the API ... ready on");
    assertThat(start.out())
        .contains(
            "is running (pid", "Use it:   export AWS_ENDPOINT_URL=http://127.0.0.1:", "kecs stop");
    long pid = Long.parseLong(Files.readString(home.resolve("kecs.pid")).trim());
    assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

    JsonNode status = JSON.readTree(JarRun.run(env, "status", "-o", "json").out());
    assertThat(status.path("running").asBoolean()).isTrue();
    assertThat(status.path("pid").asLong()).isEqualTo(pid);
    assertThat(status.path("runtime").asText()).isEqualTo("simulated");
    assertThat(status.path("region").asText()).isEqualTo("eu-west-1"); // config file
    assertThat(status.path("account").asText()).isEqualTo("444455556666"); // environment over file
    assertThat(status.path("store").asText()).isEqualTo(dir.resolve("data/kecs.db").toString());
    URI endpoint = URI.create(status.path("endpoint").asText());
    try (EcsClient ecs = client(endpoint)) {
      ecs.createCluster(r -> r.clusterName("kept"));
    }
    JarRun text = JarRun.run(env, "status");
    assertThat(text.exitCode()).isZero();
    assertThat(text.out())
        .contains(
            "endpoint  " + endpoint, "runtime   simulated", "clusters  1 active", "uptime", "log");
    assertThat(JarRun.run(env, "status", "-q").out()).isEmpty();

    JarRun again = JarRun.run(env, "start");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already running");

    JarRun logs = JarRun.run(env, "logs", "-n", "5");
    assertThat(logs.exitCode()).isZero();
    assertThat(logs.out()).contains("KECS ready on " + endpoint);

    JarRun stop = JarRun.run(env, "stop");
    assertThat(stop.exitCode()).as("%s", stop).isZero();
    assertThat(stop.err()).contains("Stopping KECS (pid " + pid + ") ... stopped");
    assertThat(ProcessHandle.of(pid).map(Processes::running).orElse(false)).isFalse();
    assertThat(home.resolve("kecs.pid")).doesNotExist();
    assertThat(home.resolve("kecs.run.json")).doesNotExist();

    JarRun stopAgain = JarRun.run(env, "stop");
    assertThat(stopAgain.exitCode()).isZero();
    assertThat(stopAgain.out()).contains("KECS is not running.");
    JarRun down = JarRun.run(env, "status");
    assertThat(down.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
    assertThat(down.out()).contains("KECS is not running");

    JarRun restart = JarRun.run(env, args("start", serverFlags));
    assertThat(restart.exitCode()).as("%s", restart).isZero();
    JsonNode after = JSON.readTree(JarRun.run(env, "status", "-o", "json").out());
    assertThat(after.path("counts").path("clusters").asInt())
        .isEqualTo(1); // the store was closed cleanly
    assertThat(JarRun.run(env, "stop", "-q").exitCode()).isZero();
  }

  @Test
  void aCrashedServerLeavesAStalePidFileThatIsDetected() throws Exception {
    Path home = dir.resolve("home");
    Map<String, String> env = Map.of("KECS_HOME", home.toString());
    JarRun start = JarRun.run(env, "start", "--port=0", "--admin-port=-1", "--ephemeral", "-q");
    assertThat(start.exitCode()).as("%s", start).isZero();
    assertThat(start.out()).isEmpty();
    long pid = Long.parseLong(Files.readString(home.resolve("kecs.pid")).trim());
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
    server.destroyForcibly(); // kill -9
    assertThat(Processes.awaitExit(server, 10, TimeUnit.SECONDS)).isTrue();

    JarRun status = JarRun.run(env, "status");
    assertThat(status.exitCode()).isEqualTo(ExitCodes.NOT_RUNNING);
    assertThat(status.out()).contains("stale pid file: pid " + pid + " is gone");
    JarRun json = JarRun.run(env, "status", "--output=json");
    assertThat(JSON.readTree(json.out()).path("running").asBoolean()).isFalse();

    JarRun stop = JarRun.run(env, "stop");
    assertThat(stop.exitCode()).isZero();
    assertThat(stop.out()).contains("removed a stale pid file: pid " + pid + " is gone");
    assertThat(home.resolve("kecs.pid")).doesNotExist();
  }

  @Test
  void aServerThatCannotStartIsReportedWithItsLog() throws Exception {
    Path home = dir.resolve("home");
    Map<String, String> env = Map.of("KECS_HOME", home.toString());
    JarRun start =
        JarRun.run(
            env, "start", "--port=0", "--admin-port=-1", "--ephemeral", "--simulated-step=soon");
    assertThat(start.exitCode()).isEqualTo(ExitCodes.USAGE); // checked before anything starts
    assertThat(start.err()).contains("--simulated-step");

    Files.createDirectories(home);
    Files.writeString(home.resolve("kecs.db-is-a-dir"), "");
    JarRun broken =
        JarRun.run(
            env,
            "start",
            "--port=0",
            "--admin-port=-1",
            "--data-dir=" + home.resolve("kecs.db-is-a-dir"));
    assertThat(broken.exitCode()).as("%s", broken).isEqualTo(ExitCodes.ERROR);
    assertThat(broken.err())
        .contains("KECS exited during start-up", "Last lines of " + home.resolve("kecs.log"));
    assertThat(home.resolve("kecs.pid")).doesNotExist();
  }

  private static String[] args(String command, String... more) {
    String[] all = new String[more.length + 1];
    all[0] = command;
    System.arraycopy(more, 0, all, 1, more.length);
    return all;
  }

  private static EcsClient client(URI endpoint) {
    return EcsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.EU_WEST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "s")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
        .build();
  }
}
