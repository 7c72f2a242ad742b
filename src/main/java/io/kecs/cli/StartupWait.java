package io.kecs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kecs.cli.local.BackgroundServer;
import io.kecs.cli.local.LogReader;
import io.kecs.cli.local.RunFile;
import io.kecs.cli.local.StatusClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a background server to serve: its run file names its endpoint, and {@code GET
 * /_kecs/status} answers there. A server that exits or does not answer in time is reported with the
 * end of its log, and one that hangs is stopped, so no half-started server stays behind.
 */
final class StartupWait {
  private static final int LOG_LINES = 20;
  private final BackgroundServer background;
  private final Progress progress;
  private final StatusClient client = new StatusClient();

  StartupWait(BackgroundServer background, Progress progress) {
    this.background = background;
    this.progress = progress;
  }

  JsonNode forApi(Process process, int timeoutSeconds) throws InterruptedException {
    progress.begin("Waiting for the API");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        progress.failed();
        background.clear();
        throw new CliFailure(
            "KECS exited during start-up (exit code " + process.exitValue() + "). " + logTail());
      }
      Optional<JsonNode> status =
          RunFile.read(background.home().runFile())
              .filter(i -> i.pid() == process.pid())
              .flatMap(i -> client.status(i.endpoint()));
      if (status.isPresent()) {
        progress.done("ready on " + status.get().path("endpoint").asText());
        return status.get();
      }
      Thread.sleep(100);
    }
    progress.failed();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    background.clear();
    throw new CliFailure(
        "KECS did not serve within "
            + timeoutSeconds
            + " s (--timeout); it was stopped. "
            + logTail());
  }

  /** The status of a server that already runs (it may still be starting: wait a little). */
  JsonNode alreadyRunning() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      Optional<JsonNode> status =
          background.runInfo().flatMap(info -> client.status(info.endpoint()));
      if (status.isPresent()) {
        return status.get();
      }
      Thread.sleep(100);
    }
    throw new CliFailure(
        "KECS runs (pid "
            + background.process().map(ProcessHandle::pid).orElse(-1L)
            + ") but does not answer; see `kecs logs`, or `kecs stop` and start again.");
  }

  private String logTail() {
    StringWriter text = new StringWriter();
    try (PrintWriter w = new PrintWriter(text)) {
      new LogReader(background.home().logFile(), w).print(LOG_LINES);
    } catch (IOException e) {
      return "No log at " + background.home().logFile() + ".";
    }
    return "Last lines of " + background.home().logFile() + ":\n" + text.toString().stripTrailing();
  }
}
