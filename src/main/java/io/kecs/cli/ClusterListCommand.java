package io.kecs.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.kecs.cli.cluster.K3dCluster;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code kecs cluster list}: the k3d clusters on this machine. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the k3d clusters on this machine (any of them can run KECS tasks).")
final class ClusterListCommand implements Callable<Integer> {
  @ParentCommand ClusterCommand cluster;
  @Mixin HomeOption home;
  @Mixin OutputOptions output;

  @Override
  public Integer call() {
    List<K3dCluster> clusters = cluster.clusters(home).list();
    PrintWriter out = cluster.environment().out();
    if (output.json()) {
      ArrayNode array = new ObjectMapper().createArrayNode();
      for (K3dCluster c : clusters) {
        array
            .addObject()
            .put("name", c.name())
            .put("running", c.running())
            .put("servers", c.serversRunning() + "/" + c.serversCount())
            .put("agents", c.agentsRunning() + "/" + c.agentsCount())
            .put("context", c.context());
      }
      out.println(array.toPrettyString());
    } else if (output.text()) {
      if (clusters.isEmpty()) {
        out.println("No k3d clusters. Create one with `kecs cluster create`.");
      } else {
        out.printf("%-20s %-8s %-8s %-8s %s%n", "NAME", "STATE", "SERVERS", "AGENTS", "CONTEXT");
        for (K3dCluster c : clusters) {
          out.printf(
              "%-20s %-8s %-8s %-8s %s%n",
              c.name(),
              c.running() ? "running" : "stopped",
              c.serversRunning() + "/" + c.serversCount(),
              c.agentsRunning() + "/" + c.agentsCount(),
              c.context());
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
