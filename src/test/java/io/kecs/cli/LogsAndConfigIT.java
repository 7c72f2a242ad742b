package io.kecs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kecs logs} over a log file, and the config file as {@code kecs server} finds it. */
class LogsAndConfigIT {
  @TempDir Path home;

  @Test
  void printsTheLogOrItsLastLines() throws Exception {
    CliRun none = CliRun.run("logs", "--home", home.toString());
    assertThat(none.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(none.err()).contains("No log at " + home.resolve("kecs.log"), "kecs start");

    Files.writeString(home.resolve("kecs.log"), "one\ntwo\nthree\n");
    assertThat(CliRun.run("logs", "--home", home.toString()).out()).isEqualTo("one\ntwo\nthree\n");
    assertThat(CliRun.run("logs", "--home", home.toString(), "-n", "2").out())
        .isEqualTo("two\nthree\n");
    assertThat(CliRun.run("logs", "--home", home.toString(), "--tail=0").out()).isEmpty();
    assertThat(CliRun.run("logs", "--home", home.toString(), "-n", "9").out())
        .isEqualTo("one\ntwo\nthree\n");
  }

  @Test
  void followsWholeLinesAndSurvivesRotation() throws Exception {
    Path log = home.resolve("kecs.log");
    Files.writeString(log, "old\n");
    StringWriter out = new StringWriter();
    CliEnvironment env =
        new CliEnvironment(
            Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter()));
    AtomicInteger exit = new AtomicInteger(-1);
    Thread follower =
        new Thread(
            () -> exit.set(KecsCommand.execute(env, "logs", "-f", "--home", home.toString())));
    follower.start();
    try {
      await(() -> out.toString().equals("old\n"));
      append(log, "new line\nhalf");
      await(() -> out.toString().equals("old\nnew line\n"));
      append(log, " and the rest\n");
      await(() -> out.toString().equals("old\nnew line\nhalf and the rest\n"));
      Files.writeString(log, "after rotation\n"); // shorter than what was read: start over
      await(() -> out.toString().endsWith("half and the rest\nafter rotation\n"));
    } finally {
      follower.interrupt();
      follower.join(5_000);
    }
    assertThat(follower.isAlive()).isFalse();
    assertThat(exit.get()).isZero();
  }

  @Test
  void aNamedConfigFileMustExistAndUnknownKeysAreRejected() throws Exception {
    CliRun missing = CliRun.run("server", "--config", home.resolve("nope.properties").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("nope.properties does not exist");

    Path file = home.resolve("kecs.properties");
    Files.writeString(file, "# comment\nprot = 1\n");
    CliRun typo = CliRun.run(Map.of("KECS_CONFIG", file.toString()), "server");
    assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(typo.err()).contains("unknown setting 'prot'", "known: ", "data-dir");
  }

  @Test
  void theConfigFileInTheHomeIsReadAndFlagsWin() throws Exception {
    Files.writeString(home.resolve("config.properties"), "port = 7777\nephemeral = true\n");
    CliEnvironment env =
        new CliEnvironment(
            Map.of("KECS_HOME", home.toString()),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
    ServerCommand fromFile =
        (ServerCommand)
            KecsCommand.commandLine(env, "server")
                .parseArgs("server")
                .subcommand()
                .commandSpec()
                .userObject();
    assertThat(fromFile.port).isEqualTo(7777);
    assertThat(fromFile.ephemeral).isTrue();
    assertThat(fromFile.dataDir).isEqualTo(home.resolve("data")); // the data dir follows the home
    String[] args = {"server", "--port", "1234"};
    ServerCommand flagged =
        (ServerCommand)
            KecsCommand.commandLine(env, args)
                .parseArgs(args)
                .subcommand()
                .commandSpec()
                .userObject();
    assertThat(flagged.port).isEqualTo(1234);
  }

  private static void append(Path log, String text) throws Exception {
    Files.writeString(log, text, StandardOpenOption.APPEND);
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.get()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("condition not met within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
