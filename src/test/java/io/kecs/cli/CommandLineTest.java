package io.kecs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Parsing, help, exit codes and settings precedence of the {@code kecs} command, in-process. */
class CommandLineTest {

  @Test
  void everyCommandHasHelpAndExitsZero() {
    List<String[]> commands = new ArrayList<>();
    collect(KecsCommand.commandLine(env(Map.of())), new ArrayList<>(), commands);
    assertThat(commands)
        .extracting(c -> String.join(" ", c))
        .contains(
            "",
            "server",
            "start",
            "stop",
            "status",
            "logs",
            "cluster",
            "cluster create",
            "cluster delete",
            "cluster list",
            "cluster info");
    for (String[] command : commands) {
      List<String> args = new ArrayList<>(List.of(command));
      args.add("--help");
      CliRun r = CliRun.run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as("%s", args).isZero();
      assertThat(r.out()).as("%s", args).startsWith("Usage: kecs");
    }
  }

  @Test
  void rootHelpListsTheExitCodes() {
    CliRun r = CliRun.run();
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("Exit codes:", "0  success", "1  failure", "2  usage error", "3  `kecs status`");
  }

  @Test
  void usageErrorsExitTwoAndSayWhat() {
    CliRun r = CliRun.run("stop", "--no-such-flag");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("Unknown option: '--no-such-flag'");

    CliRun bad = CliRun.run("status", "--output", "yaml");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("text, json");
  }

  @Test
  void versionComesFromTheBuild() {
    CliRun r = CliRun.run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("kecs ");
  }

  @Test
  void flagBeatsEnvironmentBeatsFileBeatsDefault() {
    Map<String, String> file =
        Map.of("port", "1111", "region", "eu-west-1", "account", "123456789012");
    Map<String, String> env = Map.of("KECS_PORT", "2222", "KECS_REGION", "ap-south-1");

    ServerCommand s = parseServer(env, file, "--port", "3333");
    assertThat(s.port).isEqualTo(3333); // flag
    assertThat(s.region).isEqualTo("ap-south-1"); // environment over file
    assertThat(s.account).isEqualTo("123456789012"); // file over default
    assertThat(s.adminPort).isEqualTo(8081); // default

    assertThat(parseServer(env, file).port).isEqualTo(2222);
    assertThat(parseServer(Map.of(), file).port).isEqualTo(1111);
    assertThat(parseServer(Map.of(), Map.of()).port).isEqualTo(4566);
  }

  @Test
  void everyServerOptionHasAnEnvironmentVariable() {
    ServerCommand s =
        parseServer(
            Map.of(
                "KECS_EPHEMERAL", "true",
                "KECS_NO_RESET_ENDPOINT", "true",
                "KECS_MAX_BODY_BYTES", "2048",
                "KECS_SIMULATED_STEP", "PT2S",
                "KECS_DATA_DIR", "/srv/kecs"),
            Map.of());
    assertThat(s.ephemeral).isTrue();
    assertThat(s.noReset).isTrue();
    assertThat(s.maxBodyBytes).isEqualTo(2048);
    assertThat(s.simulatedStep).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.dataDir).isEqualTo(Path.of("/srv/kecs"));
    assertThat(ServerDefaults.envName("admin-bind")).isEqualTo("KECS_ADMIN_BIND");
  }

  @Test
  void anUnknownConfigFileSettingIsAUsageError() {
    CommandLine cli =
        KecsCommand.commandLine(
            env(Map.of()),
            new ServerDefaults(
                env(Map.of()), Path.of("kecs.properties"), () -> Map.of("prot", "1")));
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute("server", "--port", "0")).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("kecs.properties: unknown setting 'prot'", "port");
  }

  @Test
  void startPassesTheServerOptionsItWasGivenAndOnlyThose() {
    CommandLine cli = KecsCommand.commandLine(env(Map.of()), defaults(Map.of(), Map.of()));
    CommandLine.ParseResult parsed =
        cli.parseArgs(
            "start",
            "--home",
            "/tmp/h",
            "--port",
            "0",
            "--admin-port",
            "-1",
            "--ephemeral",
            "--region=eu-west-1",
            "--timeout",
            "5",
            "-q");
    StartCommand start = (StartCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(start.serverArgs())
        .containsExactlyInAnyOrder(
            "--port=0", "--admin-port=-1", "--ephemeral", "--region=eu-west-1");
    assertThat(start.timeoutSeconds).isEqualTo(5);
    assertThat(start.k3d).isNull();
    assertThat(cli.parseArgs("start", "--k3d").subcommand().commandSpec().userObject())
        .extracting(o -> ((StartCommand) o).k3d)
        .isEqualTo("kecs");
  }

  @Test
  void aKecsForK3dListensBeyondLoopbackUnlessToldWhere() throws Exception {
    assertThat(StartCommand.bindForCluster(false, "127.0.0.1")).containsExactly("--bind=0.0.0.0");
    assertThat(StartCommand.bindForCluster(true, "127.0.0.1")).isEmpty();
    assertThat(StartCommand.bindForCluster(false, "0.0.0.0")).isEmpty();
  }

  @Test
  void uptimeReadsLikeAPersonWouldSayIt() {
    assertThat(StatusView.uptime(42)).isEqualTo("42s");
    assertThat(StatusView.uptime(125)).isEqualTo("2m 5s");
    assertThat(StatusView.uptime(3 * 3600 + 7 * 60)).isEqualTo("3h 7m");
    assertThat(StatusView.uptime(2 * 86400 + 3600)).isEqualTo("2d 1h");
  }

  @Test
  void theAwsBackendKeepsItsOldNameAsAnAlias() {
    assertThat(parseServer(Map.of(), Map.of(), "--aws-backend=http://127.0.0.1:5000").awsBackend())
        .hasToString("http://127.0.0.1:5000");
    assertThat(
            parseServer(Map.of("KECS_AWS_BACKEND", "http://127.0.0.1:5001"), Map.of()).awsBackend())
        .hasToString("http://127.0.0.1:5001");
    assertThat(
            parseServer(Map.of(), Map.of(), "--secrets-endpoint=http://127.0.0.1:5002")
                .awsBackend())
        .hasToString("http://127.0.0.1:5002");
    assertThat(
            parseServer(Map.of("KECS_SECRETS_ENDPOINT", "http://127.0.0.1:5003"), Map.of())
                .awsBackend())
        .hasToString("http://127.0.0.1:5003");
    assertThat(parseServer(Map.of(), Map.of("aws-backend", "http://127.0.0.1:5004")).awsBackend())
        .hasToString("http://127.0.0.1:5004");
    assertThat(parseServer(Map.of(), Map.of()).awsBackend()).isNull();
  }

  private static ServerCommand parseServer(
      Map<String, String> env, Map<String, String> file, String... args) {
    List<String> all = new ArrayList<>(List.of("server"));
    all.addAll(List.of(args));
    CommandLine cli = KecsCommand.commandLine(env(env), defaults(env, file));
    return (ServerCommand)
        cli.parseArgs(all.toArray(String[]::new)).subcommand().commandSpec().userObject();
  }

  private static ServerDefaults defaults(Map<String, String> env, Map<String, String> file) {
    return new ServerDefaults(env(env), Path.of("test.properties"), () -> file);
  }

  private static CliEnvironment env(Map<String, String> env) {
    return new CliEnvironment(
        env, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
  }

  private static void collect(CommandLine cli, List<String> path, List<String[]> into) {
    into.add(path.toArray(String[]::new));
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, into);
              }
            });
  }
}
