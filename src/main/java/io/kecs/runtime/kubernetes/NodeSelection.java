package io.kecs.runtime.kubernetes;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;

/**
 * Node labels a task needs: its runtime platform (architecture, OS, Windows build) and the {@code
 * memberOf} constraints of the form {@code attribute:NAME == VALUE} on an attribute that comes from
 * a node label ({@link AttributeLabels}: zone, instance type, architecture, OS type). Other
 * attributes come from no label, and other cluster query expressions cannot be expressed as a node
 * selector: they are left out.
 */
final class NodeSelection {
  private static final Pattern EQUALS =
      Pattern.compile("\\s*attribute:([A-Za-z0-9_./-]+)\\s*==\\s*([A-Za-z0-9_.-]+)\\s*");
  private static final Map<String, String> WINDOWS_BUILDS =
      Map.of(
          "WINDOWS_SERVER_2019", "10.0.17763",
          "WINDOWS_SERVER_2004", "10.0.19041",
          "WINDOWS_SERVER_20H2", "10.0.19042",
          "WINDOWS_SERVER_2022", "10.0.20348",
          "WINDOWS_SERVER_2025", "10.0.26100");

  private NodeSelection() {}

  static Map<String, String> of(TaskDefinition def) {
    Map<String, String> out = new LinkedHashMap<>();
    var platform = def.runtimePlatform();
    if (platform != null && platform.cpuArchitecture() != null) {
      out.put("kubernetes.io/arch", arch(platform.cpuArchitectureAsString()));
    }
    if (platform != null && platform.operatingSystemFamily() != null) {
      String family = platform.operatingSystemFamilyAsString();
      if ("LINUX".equals(family)) {
        out.put("kubernetes.io/os", "linux");
      } else {
        out.put("kubernetes.io/os", "windows");
        WINDOWS_BUILDS.entrySet().stream()
            .filter(e -> family.startsWith(e.getKey()))
            .findFirst()
            .ifPresent(e -> out.put("node.kubernetes.io/windows-build", e.getValue()));
      }
    }
    for (TaskDefinitionPlacementConstraint c : def.placementConstraints()) {
      Matcher m = c.expression() == null ? null : EQUALS.matcher(c.expression());
      if (m == null || !m.matches()) {
        continue;
      }
      // Only attributes that come from a node label can select nodes (as for services).
      AttributeLabels.label(m.group(1))
          .ifPresent(
              key ->
                  out.putIfAbsent(
                      key, key.equals(AttributeLabels.ARCH) ? arch(m.group(2)) : m.group(2)));
    }
    return out;
  }

  private static String arch(String ecs) {
    return switch (ecs.toLowerCase(Locale.ROOT)) {
      case "x86_64" -> "amd64";
      case "arm64" -> "arm64";
      default -> ecs.toLowerCase(Locale.ROOT);
    };
  }
}
