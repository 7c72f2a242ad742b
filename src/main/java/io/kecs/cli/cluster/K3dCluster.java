package io.kecs.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A k3d cluster as {@code k3d cluster list -o json} describes it.
 *
 * @param serverContainers the docker containers of its server nodes ({@code k3d-NAME-server-0})
 */
public record K3dCluster(
    String name,
    int serversRunning,
    int serversCount,
    int agentsRunning,
    int agentsCount,
    List<String> serverContainers) {

  public boolean running() {
    return serversCount > 0 && serversRunning == serversCount;
  }

  /** The kubeconfig context k3d names after the cluster. */
  public String context() {
    return contextOf(name);
  }

  public static String contextOf(String clusterName) {
    return "k3d-" + clusterName;
  }

  /** Where {@code docker exec} reaches the cluster's own kubectl. */
  public String serverContainer() {
    return serverContainers.isEmpty() ? "k3d-" + name + "-server-0" : serverContainers.get(0);
  }

  static List<K3dCluster> parseList(JsonNode array) {
    List<K3dCluster> clusters = new ArrayList<>();
    for (JsonNode c : array) {
      List<String> servers = new ArrayList<>();
      for (JsonNode node : c.path("nodes")) {
        if ("server".equals(node.path("role").asText())) {
          servers.add(node.path("name").asText());
        }
      }
      clusters.add(
          new K3dCluster(
              c.path("name").asText(),
              c.path("serversRunning").asInt(),
              c.path("serversCount").asInt(),
              c.path("agentsRunning").asInt(),
              c.path("agentsCount").asInt(),
              List.copyOf(servers)));
    }
    return clusters;
  }
}
