package io.kecs.cli;

import io.kecs.cli.local.KecsHome;
import io.kecs.cli.local.LogReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kecs logs}: the background server's log, optionally followed. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = "Print the background KECS's log (<home>/kecs.log); -f follows it until Ctrl-C.")
final class LogsCommand implements Callable<Integer> {
  @ParentCommand KecsCommand kecs;
  @Mixin HomeOption home;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing lines as they are written.")
  boolean follow;

  @Option(
      names = {"-n", "--tail"},
      paramLabel = "LINES",
      defaultValue = "-1",
      description = "Only the last LINES lines (default: all).")
  int tail;

  @Override
  public Integer call() throws Exception {
    CliEnvironment env = kecs.environment();
    Path log = new KecsHome(home.resolve(env)).logFile();
    if (!Files.exists(log)) {
      throw new CliFailure(
          "No log at "
              + log
              + ": KECS has not run in the background with this home (`kecs start`).");
    }
    LogReader reader = new LogReader(log, env.out());
    long offset = reader.print(tail);
    if (follow) {
      reader.follow(offset, Duration.ofMillis(200), () -> false);
    }
    return ExitCodes.OK;
  }
}
