package io.kecs.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.cli.cluster.InClusterEndpoint;
import io.kecs.cli.cluster.LocalClusters;
import io.kecs.cli.cluster.Tools;
import io.kecs.cli.local.BackgroundServer;
import io.kecs.cli.local.KecsHome;
import io.kecs.cli.local.ServerLauncher;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code kecs start}: the server in the background, with a pid file and a log file. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Start KECS in the background and wait until it serves. Takes every `kecs server` option"
          + " (listed below); does nothing when KECS already runs for this home.",
      "--k3d creates or reuses a local k3d cluster (docker and k3d needed) and runs tasks on it."
    })
final class StartCommand implements Callable<Integer> {
  /** Server options that {@code --k3d} sets itself. */
  private static final Set<String> CLUSTER_OPTIONS =
      Set.of("--runtime", "--kubeconfig", "--context");

  @ParentCommand KecsCommand kecs;
  @Spec CommandSpec spec;
  @Mixin HomeOption home;
  @Mixin OutputOptions output;

  @Option(
      names = "--k3d",
      arity = "0..1",
      fallbackValue = LocalClusters.DEFAULT_NAME,
      paramLabel = "CLUSTER",
      description =
          "Run tasks on a local k3d cluster (default name: kecs), created when missing;"
              + " its kubeconfig goes to <home>/kubeconfig.")
  String k3d;

  @Option(
      names = "--k3d-agents",
      defaultValue = "0",
      description = "Agent nodes when --k3d creates the cluster (default: ${DEFAULT-VALUE}).")
  int k3dAgents;

  @Option(
      names = "--timeout",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description = "How long to wait for the API (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Mixin ServerCommand server;

  @Override
  public Integer call() throws Exception {
    CliEnvironment env = kecs.environment();
    BackgroundServer background = new BackgroundServer(new KecsHome(home.resolve(env)).create());
    Progress progress =
        new Progress(env.err(), !output.text(), k3d == null ? 2 : 2 + LocalClusters.ENSURE_STEPS);
    StartupWait wait = new StartupWait(background, progress);
    if (background.process().isPresent()) {
      JsonNode status = wait.alreadyRunning();
      report(status, background, true);
      return ExitCodes.OK;
    }
    if (background.isStale()) {
      progress.detail(
          "Removing a stale pid file (pid "
              + background.pidFile().pid().orElseThrow()
              + " is gone)");
      background.clear();
    }
    List<String> args = new ArrayList<>(List.of("server"));
    args.addAll(serverArgs());
    if (k3d != null) {
      args.addAll(clusterArgs(env, background.home(), progress));
    }
    args.add("--run-file=" + background.home().runFile());

    Map<String, String> childEnv = new HashMap<>(env.env());
    childEnv.put("KECS_HOME", background.home().dir().toString());
    ServerLauncher launcher = new ServerLauncher(childEnv);
    progress.begin("Starting the server in the background");
    Process process = launcher.launch(launcher.command(args), background.home().logFile());
    background.pidFile().write(process.pid());
    progress.done("pid " + process.pid() + ", log " + background.home().logFile());
    JsonNode status = wait.forApi(process, timeoutSeconds);
    report(status, background, false);
    return ExitCodes.OK;
  }

  /** The server options given on this command line, as the server takes them. */
  List<String> serverArgs() {
    Set<String> serverOptions = new HashSet<>();
    spec.mixins().get("server").options().forEach(o -> serverOptions.add(o.longestName()));
    List<String> args = new ArrayList<>();
    for (OptionSpec o : spec.commandLine().getParseResult().matchedOptions()) {
      String name = o.longestName();
      if (!serverOptions.contains(name) || name.equals("--run-file")) {
        continue;
      }
      if (k3d != null && CLUSTER_OPTIONS.contains(name)) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "--k3d chooses the cluster itself: leave out "
                + name
                + ", or drop --k3d to run on a cluster of your own.");
      }
      if (o.arity().max() == 0) {
        args.add(name);
      } else {
        // NAME=VALUE keeps values that start with a dash (--admin-port=-1) attached to their option
        o.originalStringValues().forEach(v -> args.add(name + "=" + v));
      }
    }
    return args;
  }

  private List<String> clusterArgs(CliEnvironment env, KecsHome kecsHome, Progress progress)
      throws Exception {
    LocalClusters.Ready ready =
        new LocalClusters(new Tools(env.env()), kecsHome).ensure(k3d, k3dAgents, progress);
    List<String> args = new ArrayList<>();
    args.add("--runtime=kubernetes");
    args.add("--kubeconfig=" + ready.kubeconfig());
    args.add("--context=" + ready.cluster().context());
    boolean bindGiven = spec.commandLine().getParseResult().hasMatchedOption("--bind");
    args.addAll(bindForCluster(bindGiven, server.bind));
    return args;
  }

  /**
   * Pods reach the host through the docker network's gateway, not through loopback: unless told
   * otherwise, a KECS for a k3d cluster listens on every interface.
   */
  static List<String> bindForCluster(boolean bindGiven, String bind) throws Exception {
    return !bindGiven && InetAddress.getByName(bind).isLoopbackAddress()
        ? List.of("--bind=0.0.0.0")
        : List.of();
  }

  private void report(JsonNode status, BackgroundServer background, boolean already) {
    PrintWriter out = kecs.environment().out();
    String endpoint = status.path("endpoint").asText();
    if (output.json()) {
      ObjectNode node =
          ((ObjectNode) status.deepCopy()).put("log", background.home().logFile().toString());
      node.put("alreadyRunning", already);
      if (k3d != null) {
        node.put("inClusterEndpoint", InClusterEndpoint.url(port(endpoint)));
      }
      out.println(node.toPrettyString());
    } else if (output.text()) {
      if (already) {
        out.println("KECS was already running; nothing started.");
      }
      StatusView.print(out, status, background.home().logFile().toString());
      out.println();
      out.println("Use it:   export AWS_ENDPOINT_URL=" + endpoint.replace("0.0.0.0", "127.0.0.1"));
      out.println("Dashboard: " + endpoint.replace("0.0.0.0", "127.0.0.1") + "/_kecs/ui/");
      if (k3d != null) {
        out.println("In pods:  AWS_ENDPOINT_URL=" + InClusterEndpoint.url(port(endpoint)));
      }
      out.println("Stop it:  kecs stop");
    }
    out.flush();
  }

  private static int port(String endpoint) {
    return URI.create(endpoint).getPort();
  }
}
