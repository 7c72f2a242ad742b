package io.kecs.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import io.kecs.testing.AwsBackendServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The awslogs driver end to end with a real moto server as the AWS backend: simulated containers
 * print lines ({@code KECS_SIMULATE_OUTPUT}), KECS ships them, and the AWS SDK's CloudWatch Logs
 * client reads them back through KECS's endpoint (forwarded to moto), in order, grouped by the
 * multiline pattern or datetime format; groups are created on request, a missing group fails the
 * task as ECS does, streams exist before any output, and a KECS restart neither repeats nor loses a
 * line.
 */
class AwslogsIT {
  private static AwsBackendServer moto;
  private static KecsServer kecs;
  private static EcsClient ecs;
  private static CloudWatchLogsClient logs;

  @BeforeAll
  static void start() throws Exception {
    moto = AwsBackendServer.start(AwsBackendServer.Kind.MOTO);
    kecs =
        KecsServer.start(ServerConfig.forTests().toBuilder().awsBackend(moto.endpoint()).build());
    ecs = ecs(kecs);
    logs = logs(kecs);
    ecs.createCluster(r -> r.clusterName("logs"));
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {logs, ecs, kecs, moto}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // best effort
      }
    }
  }

  static EcsClient ecs(KecsServer server) {
    return EcsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "x")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  static CloudWatchLogsClient logs(KecsServer server) {
    return CloudWatchLogsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "x")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  /** Runs one Fargate task whose container "app" logs through awslogs with these options. */
  static Task run(EcsClient ecs, String family, Map<String, String> options, String output) {
    return run(ecs, family, options, Map.of("KECS_SIMULATE_OUTPUT", output));
  }

  static Task run(
      EcsClient ecs, String family, Map<String, String> options, Map<String, String> env) {
    ecs.registerTaskDefinition(
        r ->
            r.family(family)
                .executionRoleArn("arn:aws:iam::123456789012:role/ecsTaskExecutionRole")
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .containerDefinitions(
                    c ->
                        c.name("app")
                            .image("busybox")
                            .environment(
                                env.entrySet().stream()
                                    .map(
                                        e ->
                                            KeyValuePair.builder()
                                                .name(e.getKey())
                                                .value(e.getValue())
                                                .build())
                                    .toList())
                            .logConfiguration(
                                l -> l.logDriver(LogDriver.AWSLOGS).options(options))));
    return ecs.runTask(
            r ->
                r.cluster("logs")
                    .taskDefinition(family)
                    .launchType(LaunchType.FARGATE)
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))))
        .tasks()
        .get(0);
  }

  static String taskId(Task t) {
    return t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
  }

  static Map<String, String> options(String group) {
    return Map.of(
        "awslogs-group", group, "awslogs-region", "us-east-1", "awslogs-stream-prefix", "ecs");
  }

  static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> out = new java.util.HashMap<>(base);
    out.put(key, value);
    return out;
  }

  static List<String> events(CloudWatchLogsClient logs, String group, String stream) {
    try {
      return logs
          .getLogEvents(r -> r.logGroupName(group).logStreamName(stream).startFromHead(true))
          .events()
          .stream()
          .map(OutputLogEvent::message)
          .toList();
    } catch (ResourceNotFoundException e) {
      return List.of();
    }
  }

  static <T> T await(Supplier<T> what, java.util.function.Predicate<T> done, Duration limit)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    T last = what.get();
    while (!done.test(last) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      last = what.get();
    }
    return last;
  }

  static Task describe(EcsClient ecs, Task t) {
    return ecs.describeTasks(r -> r.cluster("logs").tasks(t.taskArn())).tasks().get(0);
  }

  @Test
  void linesLandInOrderInTheStreamNamedPrefixContainerTaskId() throws Exception {
    logs.createLogGroup(r -> r.logGroupName("/ecs/ordered"));
    Task t = run(ecs, "ordered", options("/ecs/ordered"), "one\\ntwo\nthree\nfour");
    String stream = "ecs/app/" + taskId(t);
    List<String> got =
        await(
            () -> events(logs, "/ecs/ordered", stream), l -> l.size() >= 4, Duration.ofSeconds(20));
    assertThat(got).containsExactly("one", "two", "three", "four");
    assertThat(logs.describeLogStreams(r -> r.logGroupName("/ecs/ordered")).logStreams())
        .extracting(s -> s.logStreamName())
        .containsExactly(stream);
  }

  @Test
  void theStreamExistsBeforeAnyOutput() throws Exception {
    logs.createLogGroup(r -> r.logGroupName("/ecs/quiet"));
    Task t = run(ecs, "quiet", options("/ecs/quiet"), Map.of());
    Task running =
        await(
            () -> describe(ecs, t), d -> "RUNNING".equals(d.lastStatus()), Duration.ofSeconds(20));
    assertThat(running.lastStatus()).isEqualTo("RUNNING");
    assertThat(logs.describeLogStreams(r -> r.logGroupName("/ecs/quiet")).logStreams())
        .extracting(s -> s.logStreamName())
        .containsExactly("ecs/app/" + taskId(t));
    assertThat(events(logs, "/ecs/quiet", "ecs/app/" + taskId(t))).isEmpty();
  }

  @Test
  void createGroupTrueMakesTheGroup() throws Exception {
    Task t =
        run(
            ecs,
            "created",
            with(options("/ecs/made-by-kecs"), "awslogs-create-group", "true"),
            "hello");
    List<String> got =
        await(
            () -> events(logs, "/ecs/made-by-kecs", "ecs/app/" + taskId(t)),
            l -> !l.isEmpty(),
            Duration.ofSeconds(20));
    assertThat(got).containsExactly("hello");
  }

  @Test
  void aMissingGroupFailsTheTaskAsEcsDoes() throws Exception {
    Task t = run(ecs, "missing", options("/ecs/nowhere"), "never shipped");
    Task stopped =
        await(
            () -> describe(ecs, t), d -> "STOPPED".equals(d.lastStatus()), Duration.ofSeconds(20));
    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason())
        .startsWith(
            "ResourceInitializationError: failed to validate logger args: create stream has been"
                + " retried 1 times: failed to create Cloudwatch log stream:"
                + " ResourceNotFoundException: ")
        .endsWith(" : exit status 1");
    assertThat(stopped.startedAt()).isNull();
  }

  @Test
  void multilinePatternGroupsLinesIntoOneEvent() throws Exception {
    logs.createLogGroup(r -> r.logGroupName("/ecs/multi"));
    Task t =
        run(
            ecs,
            "multi",
            with(options("/ecs/multi"), "awslogs-multiline-pattern", "^\\["),
            "[1] failed\n  at a\n  at b\n[2] next");
    List<String> got =
        await(
            () -> events(logs, "/ecs/multi", "ecs/app/" + taskId(t)),
            l -> l.size() >= 2,
            Duration.ofSeconds(20));
    assertThat(got).containsExactly("[1] failed\n  at a\n  at b\n", "[2] next\n");
  }

  @Test
  void datetimeFormatGroupsLinesIntoOneEvent() throws Exception {
    logs.createLogGroup(r -> r.logGroupName("/ecs/dated"));
    Task t =
        run(
            ecs,
            "dated",
            with(options("/ecs/dated"), "awslogs-datetime-format", "%Y-%m-%d %H:%M:%S"),
            "2026-01-02 03:04:05 begin\ncontinued\n2026-01-02 03:04:06 second");
    List<String> got =
        await(
            () -> events(logs, "/ecs/dated", "ecs/app/" + taskId(t)),
            l -> l.size() >= 2,
            Duration.ofSeconds(20));
    assertThat(got)
        .containsExactly("2026-01-02 03:04:05 begin\ncontinued\n", "2026-01-02 03:04:06 second\n");
  }

  /** Runs {@code kecs ...} in-process; the exit code and what it printed. */
  static java.util.Map.Entry<Integer, String> kecsCli(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        io.kecs.cli.KecsCommand.execute(
            new io.kecs.cli.CliEnvironment(
                Map.of(), new java.io.PrintWriter(out, true), new java.io.PrintWriter(err, true)),
            args);
    return Map.entry(code, out + err.toString());
  }

  @Test
  void kecsLogsPrintsATasksOutputAndFollowsItUntilItStops() throws Exception {
    logs.createLogGroup(r -> r.logGroupName("/ecs/cli"));
    Task t =
        run(
            ecs,
            "cli",
            options("/ecs/cli"),
            Map.of(
                "KECS_SIMULATE_OUTPUT", "first\nsecond\nthird",
                "KECS_SIMULATE_OUTPUT_INTERVAL_MS", "300"));
    String endpoint = kecs.endpoint().toString();
    Thread stopper =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    await(
                        () -> events(logs, "/ecs/cli", "ecs/app/" + taskId(t)),
                        l -> l.size() >= 3,
                        Duration.ofSeconds(20));
                    ecs.stopTask(r -> r.cluster("logs").task(t.taskArn()));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    // --follow returns once the task stopped: every line, each once, in order.
    var followed = kecsCli("logs", "--endpoint", endpoint, "--task", t.taskArn(), "-f");
    stopper.join();
    assertThat(followed.getKey()).isZero();
    assertThat(followed.getValue()).isEqualTo("first\nsecond\nthird\n");

    var once = kecsCli("logs", "--endpoint", endpoint, "--task", taskId(t), "--container", "app");
    assertThat(once.getValue()).isEqualTo("first\nsecond\nthird\n");
    var unknown = kecsCli("logs", "--endpoint", endpoint, "--task", "0123456789abcdef");
    assertThat(unknown.getKey()).isEqualTo(1);
    assertThat(unknown.getValue()).contains("No task 0123456789abcdef");
  }

  @Test
  void aKecsRestartNeitherRepeatsNorLosesALine() throws Exception {
    Path dir = Files.createTempDirectory("kecs-awslogs-");
    ServerConfig config =
        ServerConfig.forTests().toBuilder().awsBackend(moto.endpoint()).build().withDataDir(dir);
    StringBuilder output = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      output.append("line ").append(i).append('\n');
    }
    String stream;
    KecsServer first = KecsServer.start(config);
    try (EcsClient e = ecs(first);
        CloudWatchLogsClient l = logs(first)) {
      e.createCluster(r -> r.clusterName("logs"));
      l.createLogGroup(r -> r.logGroupName("/ecs/restart"));
      Task t =
          run(
              e,
              "restart",
              options("/ecs/restart"),
              Map.of(
                  "KECS_SIMULATE_OUTPUT",
                  output.toString(),
                  "KECS_SIMULATE_OUTPUT_INTERVAL_MS",
                  "150"));
      stream = "ecs/app/" + taskId(t);
      List<String> some =
          await(
              () -> events(l, "/ecs/restart", stream), x -> x.size() >= 5, Duration.ofSeconds(20));
      assertThat(some.size()).isBetween(5, 19);
    } finally {
      first.close();
    }
    Thread.sleep(600); // lines printed while KECS is down are read after the restart
    KecsServer second = KecsServer.start(config);
    try (CloudWatchLogsClient l = logs(second)) {
      List<String> all =
          await(
              () -> events(l, "/ecs/restart", stream), x -> x.size() >= 20, Duration.ofSeconds(30));
      Thread.sleep(500); // nothing further (no repeats) arrives
      all = events(l, "/ecs/restart", stream);
      assertThat(all)
          .containsExactlyElementsOf(
              java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> "line " + i).toList());
    } finally {
      second.close();
    }
  }
}
