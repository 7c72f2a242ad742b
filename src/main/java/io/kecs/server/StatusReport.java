package io.kecs.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.cluster.ClusterUsage;
import io.kecs.gateway.BackendProbe;
import java.time.Duration;
import java.time.Instant;

/**
 * The body of {@code GET /_kecs/status}: what {@code kecs status} shows. Built from in-memory state
 * only (no store query), so polling it costs next to nothing.
 */
final class StatusReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private StatusReport() {}

  static String of(KecsServer server, ClusterService.Totals totals, Instant now) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", KecsVersion.current());
    root.put("pid", ProcessHandle.current().pid());
    root.put("endpoint", server.endpoint().toString());
    if (server.adminEndpoint() != null) {
      root.put("adminEndpoint", server.adminEndpoint().toString());
    }
    root.put("runtime", server.runtimeName());
    root.put("store", server.storeLocation());
    root.put("ephemeral", server.config().ephemeral());
    root.put("region", server.config().region());
    root.put("account", server.config().account());
    root.put("startedAt", server.startedAt().toString());
    root.put("uptimeSeconds", Duration.between(server.startedAt(), now).toSeconds());
    ClusterUsage.Counts c = totals.counts();
    ObjectNode counts = root.putObject("counts");
    counts.put("clusters", totals.activeClusters());
    counts.put("containerInstances", c.registeredContainerInstances());
    counts.put("runningTasks", c.runningTasks());
    counts.put("pendingTasks", c.pendingTasks());
    counts.put("activeServices", c.activeServices());
    root.putPOJO("modules", server.moduleNames());
    BackendProbe.Result backend = server.backend();
    if (backend != null) {
      backend(root.putObject("backend"), backend);
    }
    io.kecs.runtime.RuntimeConnection kubernetes = server.runtimeConnection();
    if (kubernetes != null) {
      root.putObject("kubernetes")
          .put("url", kubernetes.endpoint())
          .put("reachable", kubernetes.reachable())
          .put("detail", kubernetes.detail());
    }
    return root.toString();
  }

  /**
   * The body of {@code GET /_kecs/health}: KECS serves while this answers; the AWS backend's state
   * is reported but does not make KECS unhealthy.
   */
  static String health(BackendProbe.Result backend) {
    ObjectNode root = JSON.createObjectNode();
    root.put("status", "ok");
    if (backend != null) {
      backend(root.putObject("backend"), backend);
    }
    return root.toString();
  }

  private static void backend(ObjectNode node, BackendProbe.Result backend) {
    node.put("url", backend.url().toString());
    node.put("reachable", backend.reachable());
    node.put("detail", backend.detail());
  }
}
