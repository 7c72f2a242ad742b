package io.kecs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.cli.cluster.InClusterEndpoint;
import io.kecs.cli.cluster.K3dCluster;
import io.kecs.cli.cluster.LocalClusters;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kecs cluster info}: one cluster and how KECS and pods reach it. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description =
        "Show a k3d cluster: state, nodes, kubeconfig context, API server, and the"
            + " AWS_ENDPOINT_URL pods use to reach KECS.")
final class ClusterInfoCommand implements Callable<Integer> {
  @ParentCommand ClusterCommand cluster;
  @Mixin HomeOption home;
  @Mixin OutputOptions output;

  @Parameters(
      arity = "0..1",
      paramLabel = "NAME",
      defaultValue = LocalClusters.DEFAULT_NAME,
      description = "Cluster name (default: ${DEFAULT-VALUE}).")
  String name;

  @Override
  public Integer call() {
    LocalClusters clusters = cluster.clusters(home);
    K3dCluster c =
        clusters
            .find(name)
            .orElseThrow(
                () ->
                    new CliFailure(
                        "No k3d cluster named "
                            + name
                            + ". Create it with `kecs cluster create"
                            + (name.equals(LocalClusters.DEFAULT_NAME) ? "" : " " + name)
                            + "`."));
    Path kubeconfig = cluster.kecsHome(home).kubeconfig();
    String apiServer = clusters.apiServer(name).orElse(null);
    PrintWriter out = cluster.environment().out();
    if (output.json()) {
      ObjectNode node =
          new ObjectMapper()
              .createObjectNode()
              .put("name", c.name())
              .put("running", c.running())
              .put("servers", c.serversRunning() + "/" + c.serversCount())
              .put("agents", c.agentsRunning() + "/" + c.agentsCount())
              .put("context", c.context())
              .put("inClusterEndpoint", InClusterEndpoint.url(4566));
      if (apiServer != null) {
        node.put("kubeconfig", kubeconfig.toString()).put("apiServer", apiServer);
      }
      out.println(node.toPrettyString());
    } else if (output.text()) {
      out.println("Cluster " + c.name() + " (" + (c.running() ? "running" : "stopped") + ")");
      out.printf("  %-11s %s%n", "servers", c.serversRunning() + "/" + c.serversCount());
      out.printf("  %-11s %s%n", "agents", c.agentsRunning() + "/" + c.agentsCount());
      out.printf(
          "  %-11s %s%n",
          "kubeconfig",
          apiServer == null
              ? "not in " + kubeconfig + " (`kecs cluster create " + name + "` writes it)"
              : kubeconfig + " (context " + c.context() + ")");
      if (apiServer != null) {
        out.printf("  %-11s %s%n", "api server", apiServer);
      }
      out.printf(
          "  %-11s AWS_ENDPOINT_URL=%s (with KECS on port 4566)%n",
          "pods use", InClusterEndpoint.url(4566));
    }
    out.flush();
    return ExitCodes.OK;
  }
}
