package io.kecs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.cli.local.BackgroundServer;
import io.kecs.cli.local.KecsHome;
import io.kecs.cli.local.RunFile;
import io.kecs.cli.local.StatusClient;
import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code kecs status}: is KECS running, where, on what, for how long, with how much in it. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the background KECS: endpoint, runtime, store, uptime, counts of clusters, tasks and"
          + " services over all accounts and regions.",
      "Exit code 0 when it runs, 3 when it does not, 1 when it runs but does not answer."
    })
final class StatusCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParentCommand KecsCommand kecs;
  @Mixin HomeOption home;
  @Mixin OutputOptions output;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description =
          "Ask the KECS at this URL (one started with `kecs server`, or elsewhere) instead of the"
              + " background one.")
  URI endpoint;

  @Override
  public Integer call() {
    CliEnvironment env = kecs.environment();
    BackgroundServer background = new BackgroundServer(new KecsHome(home.resolve(env)));
    StatusClient client = new StatusClient();
    if (endpoint != null) {
      return show(client.status(endpoint), null, "Nothing answers at " + endpoint + ".");
    }
    Optional<ProcessHandle> process = background.process();
    if (process.isEmpty()) {
      String why =
          background.isStale()
              ? "KECS is not running (stale pid file: pid "
                  + background.pidFile().pid().orElseThrow()
                  + " is gone; `kecs start` replaces it)."
              : "KECS is not running. Start it with `kecs start`.";
      return show(Optional.empty(), null, why);
    }
    Optional<RunFile.Info> info = background.runInfo();
    Optional<JsonNode> status = info.flatMap(i -> client.status(i.endpoint()));
    if (status.isEmpty()) {
      throw new CliFailure(
          "KECS runs (pid "
              + process.get().pid()
              + ") but "
              + (info.isEmpty()
                  ? "is still starting"
                  : "does not answer on " + info.get().endpoint())
              + "; see `kecs logs`.");
    }
    return show(status, background.home().logFile().toString(), null);
  }

  private int show(Optional<JsonNode> status, String log, String notRunning) {
    PrintWriter out = kecs.environment().out();
    if (status.isEmpty()) {
      if (output.json()) {
        out.println(JSON.createObjectNode().put("running", false).toPrettyString());
      } else if (output.text()) {
        out.println(notRunning);
      }
      out.flush();
      return ExitCodes.NOT_RUNNING;
    }
    if (output.json()) {
      ObjectNode node = JSON.createObjectNode().put("running", true);
      node.setAll((ObjectNode) status.get());
      if (log != null) {
        node.put("log", log);
      }
      out.println(node.toPrettyString());
    } else if (output.text()) {
      StatusView.print(out, status.get(), log);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
