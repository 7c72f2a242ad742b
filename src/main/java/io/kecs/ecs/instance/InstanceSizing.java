package io.kecs.ecs.instance;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU units and memory for an instance that registers without {@code totalResources} (the ECS agent
 * always sends them; hand-made registrations often do not). Derived from the EC2 instance type
 * name: the size gives the vCPUs (medium 1, large 2, xlarge 4, Nxlarge 4N; T types as EC2 sizes
 * them) and the family letter the memory per vCPU (c 2 GiB, m 4, r/i/z 8, x 16, others 4). CPU is
 * 1024 units per vCPU, as the agent reports it. An unknown or absent type gets {@link #FALLBACK}, a
 * t3.medium.
 */
record InstanceSizing(int cpu, int memoryMib) {
  static final InstanceSizing FALLBACK = new InstanceSizing(2048, 4096);
  private static final Pattern TYPE =
      Pattern.compile("([a-z]+)(\\d+)([a-z-]*)\\.(nano|micro|small|medium|large|(\\d{0,3})xlarge)");
  private static final Map<String, Integer> T_MEMORY_MIB =
      Map.of("nano", 512, "micro", 1024, "small", 2048, "medium", 4096, "large", 8192);

  static InstanceSizing of(String instanceType) {
    return instanceType == null ? FALLBACK : parse(instanceType).orElse(FALLBACK);
  }

  private static Optional<InstanceSizing> parse(String instanceType) {
    Matcher m = TYPE.matcher(instanceType);
    if (!m.matches()) {
      return Optional.empty();
    }
    String family = m.group(1);
    String size = m.group(4);
    int vcpus = vcpus(size, m.group(5));
    if (family.equals("t")) {
      boolean t2 = m.group(2).equals("2");
      if (T_MEMORY_MIB.containsKey(size)) {
        int tVcpus = size.equals("large") || size.equals("medium") || !t2 ? 2 : 1;
        return Optional.of(new InstanceSizing(tVcpus * 1024, T_MEMORY_MIB.get(size)));
      }
      return Optional.of(new InstanceSizing(vcpus * 1024, vcpus * 4096));
    }
    if (vcpus == 0) {
      return Optional.empty(); // nano/micro/small only exist as T types
    }
    int gibPerVcpu =
        switch (family) {
          case "c", "a", "inf" -> 2;
          case "r", "i", "z", "d" -> 8;
          case "x" -> 16;
          default -> 4;
        };
    return Optional.of(new InstanceSizing(vcpus * 1024, vcpus * gibPerVcpu * 1024));
  }

  private static int vcpus(String size, String multiplier) {
    return switch (size) {
      case "medium" -> 1;
      case "large" -> 2;
      case "nano", "micro", "small" -> 0;
      default ->
          4 * (multiplier == null || multiplier.isEmpty() ? 1 : Integer.parseInt(multiplier));
    };
  }

  /**
   * The CPU architecture ECS reports for an instance type: arm64 for AWS Graviton types (a1, and
   * families with a {@code g} after the generation: m6g, c7gn, t4g, ...), x86_64 otherwise.
   */
  static String architectureOf(String instanceType) {
    if (instanceType == null) {
      return "x86_64";
    }
    Matcher m = TYPE.matcher(instanceType);
    if (instanceType.startsWith("a1.") || (m.matches() && m.group(3).contains("g"))) {
      return "arm64";
    }
    return "x86_64";
  }
}
