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

/**
 * {@code kecs logs}: the background server's log, optionally followed; with {@code --task}, a
 * task's container output from CloudWatch Logs (the awslogs driver).
 */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description = {
      "Print the background KECS's log (<home>/kecs.log); -f follows it until Ctrl-C.",
      "With --task ID: the task's awslogs output, read from CloudWatch Logs on the AWS backend"
          + " through KECS; -f follows it until the task stopped."
    })
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

  @Option(
      names = "--task",
      paramLabel = "ID",
      description = "A task's container output (awslogs) instead of KECS's log.")
  String task;

  @Option(
      names = "--container",
      paramLabel = "NAME",
      description = "With --task: only this container (default: every awslogs container).")
  String container;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "With --task: the KECS at this URL instead of the background one.")
  java.net.URI endpoint;

  @Override
  public Integer call() throws Exception {
    CliEnvironment env = kecs.environment();
    if (task != null) {
      String id = task.substring(task.lastIndexOf('/') + 1); // an ARN or an id
      new TaskLogs(endpoint != null ? endpoint : backgroundEndpoint(env), env.out())
          .print(id, container, follow);
      return ExitCodes.OK;
    }
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

  private java.net.URI backgroundEndpoint(CliEnvironment env) {
    return new io.kecs.cli.local.BackgroundServer(new KecsHome(home.resolve(env)))
        .runInfo()
        .map(io.kecs.cli.local.RunFile.Info::endpoint)
        .orElseThrow(
            () ->
                new CliFailure(
                    "KECS is not running in the background: start it with `kecs start`, or pass"
                        + " --endpoint URL."));
  }
}
