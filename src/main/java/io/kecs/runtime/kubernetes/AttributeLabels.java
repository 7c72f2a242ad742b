package io.kecs.runtime.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ECS attributes of a node's container instance read back to the node labels {@link NodeMapper}
 * makes them from, as tests a node selector can make. {@code ecs.availability-zone}, {@code
 * ecs.instance-type}, {@code ecs.cpu-architecture} and {@code ecs.os-type} are one label each
 * ({@code amd64} is reported as {@code x86_64}); {@code ecs.os-family} is {@code LINUX} on {@code
 * kubernetes.io/os=linux} and a Windows Server family on {@code windows} with a known {@code
 * node.kubernetes.io/windows-build}. Only the GA labels are read: NodeMapper's fallbacks (the
 * pre-1.17 beta labels, {@code nodeInfo}) have no node selector form, and the kubelet and cloud
 * providers set the GA ones. No other attribute comes from a label.
 */
final class AttributeLabels {
  static final String ZONE = "topology.kubernetes.io/zone";
  static final String INSTANCE_TYPE = "node.kubernetes.io/instance-type";
  static final String ARCH = "kubernetes.io/arch";
  static final String OS = "kubernetes.io/os";
  static final String WINDOWS_BUILD = "node.kubernetes.io/windows-build";
  private static final String OS_FAMILY = "ecs.os-family";
  private static final Map<String, String> SINGLE =
      Map.of(
          "ecs.availability-zone", ZONE,
          "ecs.instance-type", INSTANCE_TYPE,
          "ecs.cpu-architecture", ARCH,
          "ecs.os-type", OS);

  private AttributeLabels() {}

  /** Whether the attribute comes from node labels. */
  static boolean known(String attribute) {
    return SINGLE.containsKey(attribute) || OS_FAMILY.equals(attribute);
  }

  /** The one label an attribute is read from (what a topology spread can key on). */
  static Optional<String> label(String attribute) {
    return Optional.ofNullable(SINGLE.get(attribute));
  }

  /** Nodes whose attribute has one of {@code values} (a {@link #known} attribute). */
  static NodeFormula in(String attribute, List<String> values) {
    if (OS_FAMILY.equals(attribute)) {
      return osFamilyIn(values);
    }
    String label = SINGLE.get(attribute);
    List<String> labelValues = new ArrayList<>();
    for (String v : values) {
      if (label.equals(ARCH) && v.equals("x86_64")) {
        labelValues.add("amd64");
      }
      // No node reports amd64: NodeMapper calls it x86_64.
      if (!(label.equals(ARCH) && v.equals("amd64")) && !labelValues.contains(v)) {
        labelValues.add(v);
      }
    }
    return NodeFormula.in(label, labelValues);
  }

  /** Nodes that have the attribute (a {@link #known} attribute). */
  static NodeFormula exists(String attribute) {
    if (OS_FAMILY.equals(attribute)) {
      List<String> families = new ArrayList<>(NodeMapper.WINDOWS_FAMILIES.values());
      families.add("LINUX");
      return osFamilyIn(families);
    }
    return NodeFormula.exists(SINGLE.get(attribute));
  }

  private static NodeFormula osFamilyIn(List<String> families) {
    List<NodeFormula> alternatives = new ArrayList<>();
    if (families.contains("LINUX")) {
      alternatives.add(NodeFormula.in(OS, List.of("linux")));
    }
    List<String> builds =
        NodeMapper.WINDOWS_FAMILIES.entrySet().stream()
            .filter(e -> families.contains(e.getValue()))
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    if (!builds.isEmpty()) {
      alternatives.add(
          NodeFormula.and(
              NodeFormula.in(OS, List.of("windows")), NodeFormula.in(WINDOWS_BUILD, builds)));
    }
    return new NodeFormula.Any(alternatives);
  }
}
