package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kecs.runtime.HostObservation;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node as a host in ECS words: Ready or not, what it can allocate to pods (CPU cores x 1,024
 * units, memory in MiB, pods), the well-known labels as ECS attributes, and the capacity provider
 * named by its {@code kecs.io/capacity-provider} label.
 */
final class NodeMapper {
  /** The node label that puts a node in a capacity provider (an Auto Scaling group provider). */
  static final String CAPACITY_PROVIDER = "kecs.io/capacity-provider";

  static final String HOSTNAME = "kubernetes.io/hostname";
  private static final BigDecimal CPU_UNITS = BigDecimal.valueOf(1024);
  private static final BigDecimal MIB = BigDecimal.valueOf(1024 * 1024);

  /** ECS OS families by Windows build (label {@code node.kubernetes.io/windows-build}). */
  static final Map<String, String> WINDOWS_FAMILIES =
      Map.of(
          "10.0.17763", "WINDOWS_SERVER_2019_CORE",
          "10.0.20348", "WINDOWS_SERVER_2022_CORE",
          "10.0.26100", "WINDOWS_SERVER_2025_CORE");

  private NodeMapper() {}

  static HostObservation of(Node node) {
    String name = node.getMetadata().getName();
    NodeStatus status = node.getStatus() == null ? new NodeStatus() : node.getStatus();
    Map<String, String> labels =
        node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    Map<String, Quantity> allocatable =
        status.getAllocatable() == null ? Map.of() : status.getAllocatable();
    var info = status.getNodeInfo();
    return new HostObservation(
        name,
        ready(status) ? HostObservation.Status.READY : HostObservation.Status.NOT_READY,
        amount(allocatable.get("cpu"), CPU_UNITS, true),
        amount(allocatable.get("memory"), MIB, false),
        amount(allocatable.get("pods"), BigDecimal.ONE, true),
        kubeletPort(status),
        attributes(labels, info == null ? null : info.getArchitecture(), os(labels, info)),
        labels.get(CAPACITY_PROVIDER),
        info == null ? null : info.getKubeletVersion(),
        info == null ? null : info.getContainerRuntimeVersion());
  }

  /**
   * The node's {@code kubernetes.io/hostname} label (what a node selector matches), or its name.
   */
  static String hostname(Node node) {
    Map<String, String> labels = node.getMetadata().getLabels();
    String label = labels == null ? null : labels.get(HOSTNAME);
    return label == null || label.isEmpty() ? node.getMetadata().getName() : label;
  }

  private static boolean ready(NodeStatus status) {
    return status.getConditions() != null
        && status.getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** {@code quantity} / {@code unit} (or x {@code unit} when {@code multiply}), rounded down. */
  private static int amount(Quantity q, BigDecimal unit, boolean multiply) {
    if (q == null) {
      return 0;
    }
    BigDecimal v = q.getNumericalAmount();
    BigDecimal scaled = multiply ? v.multiply(unit) : v.divideToIntegralValue(unit);
    return scaled.min(BigDecimal.valueOf(Integer.MAX_VALUE)).intValue();
  }

  private static List<String> kubeletPort(NodeStatus status) {
    var endpoints = status.getDaemonEndpoints();
    if (endpoints == null || endpoints.getKubeletEndpoint() == null) {
      return List.of();
    }
    Integer port = endpoints.getKubeletEndpoint().getPort();
    return port == null || port == 0 ? List.of() : List.of(port.toString());
  }

  private static String os(
      Map<String, String> labels, io.fabric8.kubernetes.api.model.NodeSystemInfo info) {
    String os = labels.get("kubernetes.io/os");
    return os != null ? os : info == null ? null : info.getOperatingSystem();
  }

  private static Map<String, String> attributes(
      Map<String, String> labels, String infoArch, String os) {
    Map<String, String> out = new LinkedHashMap<>();
    putFirst(
        out,
        "ecs.availability-zone",
        labels,
        "topology.kubernetes.io/zone",
        "failure-domain.beta.kubernetes.io/zone");
    putFirst(
        out,
        "ecs.instance-type",
        labels,
        "node.kubernetes.io/instance-type",
        "beta.kubernetes.io/instance-type");
    String arch = labels.getOrDefault("kubernetes.io/arch", infoArch);
    if (arch != null && !arch.isEmpty()) {
      out.put("ecs.cpu-architecture", arch.equals("amd64") ? "x86_64" : arch);
    }
    if (os != null && !os.isEmpty()) {
      out.put("ecs.os-type", os);
      String family =
          os.equals("windows")
              ? WINDOWS_FAMILIES.get(labels.getOrDefault("node.kubernetes.io/windows-build", ""))
              : os.equals("linux") ? "LINUX" : null;
      if (family != null) {
        out.put("ecs.os-family", family);
      }
    }
    return out;
  }

  private static void putFirst(
      Map<String, String> out, String attribute, Map<String, String> labels, String... keys) {
    for (String key : keys) {
      String v = labels.get(key);
      if (v != null && !v.isEmpty()) {
        out.put(attribute, v);
        return;
      }
    }
  }
}
