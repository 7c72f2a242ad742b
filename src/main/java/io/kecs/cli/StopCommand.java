package io.kecs.cli;

import io.kecs.cli.local.BackgroundServer;
import io.kecs.cli.local.KecsHome;
import io.kecs.cli.local.Processes;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kecs stop}: graceful (SIGTERM, the server closes its store) and idempotent. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = {
      "Stop the background KECS gracefully: it finishes in-flight requests and closes its store.",
      "Succeeds when KECS is not running (a stale pid file is removed)."
    })
final class StopCommand implements Callable<Integer> {
  @ParentCommand KecsCommand kecs;
  @Mixin HomeOption home;

  @Option(
      names = {"-q", "--quiet"},
      description = "Print nothing but errors.")
  boolean quiet;

  @Option(
      names = "--timeout",
      defaultValue = "30",
      paramLabel = "SECONDS",
      description = "How long to wait for a graceful stop (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--force", description = "Kill KECS (SIGKILL) if it has not stopped in time.")
  boolean force;

  @Override
  public Integer call() throws Exception {
    CliEnvironment env = kecs.environment();
    BackgroundServer background = new BackgroundServer(new KecsHome(home.resolve(env)));
    PrintWriter out = env.out();
    Optional<ProcessHandle> process = background.process();
    if (process.isEmpty()) {
      String note = "";
      if (background.isStale()) {
        note =
            " (removed a stale pid file: pid "
                + background.pidFile().pid().orElseThrow()
                + " is gone)";
        background.clear();
      }
      if (!quiet) {
        out.println("KECS is not running" + note + ".");
      }
      return ExitCodes.OK;
    }
    ProcessHandle p = process.get();
    Progress progress = new Progress(env.err(), quiet, 1);
    progress.begin("Stopping KECS (pid " + p.pid() + ")");
    p.destroy(); // SIGTERM: the server's shutdown hook stops the listeners and closes the store
    if (Processes.awaitExit(p, timeoutSeconds, TimeUnit.SECONDS)) {
      progress.done("stopped");
    } else if (force) {
      p.destroyForcibly();
      Processes.awaitExit(p, 10, TimeUnit.SECONDS);
      progress.done("killed after " + timeoutSeconds + " s");
    } else {
      progress.failed();
      throw new CliFailure(
          "KECS (pid "
              + p.pid()
              + ") did not stop within "
              + timeoutSeconds
              + " s. Wait and retry, or `kecs stop --force` to kill it.");
    }
    background.clear();
    return ExitCodes.OK;
  }
}
