package io.kecs.ecs.instance;

import io.kecs.ecs.attribute.AttributeRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecs.model.Attribute;

/**
 * The attributes a container instance registers with: what its agent sent, plus what ECS adds.
 *
 * <ul>
 *   <li>From the identity document, overriding the agent: {@code ecs.instance-type}, {@code
 *       ecs.availability-zone}, {@code ecs.ami-id}.
 *   <li>Unless the agent sent them: {@code ecs.os-type=linux} and {@code ecs.os-family=LINUX} (KECS
 *       runs Linux containers), and {@code ecs.cpu-architecture} from the document's architecture,
 *       else from the instance type ({@link InstanceSizing#architectureOf}).
 *   <li>When the agent sent no capability at all (a registration made by hand), the capabilities
 *       KECS's runtimes honour ({@link #KECS_CAPABILITIES}), so task definitions whose {@code
 *       requiresAttributes} name them can be placed. An agent's own list is taken as it is.
 * </ul>
 *
 * On re-registration the agent's new list replaces the old one, but custom attributes (added with
 * PutAttributes or by the agent) that the new list does not name are kept.
 */
final class InstanceAttributes {
  private static final String DOCKER_API = "com.amazonaws.ecs.capability.docker-remote-api.1.";

  /**
   * Docker remote API 1.17 to 1.44 (what a current agent on a current Docker reports), and the
   * features the task translator maps onto Kubernetes: awslogs and json-file logging, privileged
   * containers, task roles (service accounts), ECR pulls, awsvpc (a pod has its own address),
   * health checks (probes), container ordering (init and sidecar containers) and secrets.
   */
  static final List<String> KECS_CAPABILITIES =
      Stream.concat(
              IntStream.rangeClosed(17, 44).mapToObj(v -> DOCKER_API + v),
              Stream.of(
                  "com.amazonaws.ecs.capability.logging-driver.awslogs",
                  "com.amazonaws.ecs.capability.logging-driver.json-file",
                  "com.amazonaws.ecs.capability.logging-driver.none",
                  "com.amazonaws.ecs.capability.privileged-container",
                  "com.amazonaws.ecs.capability.task-iam-role",
                  "com.amazonaws.ecs.capability.task-iam-role-network-host",
                  "com.amazonaws.ecs.capability.ecr-auth",
                  "ecs.capability.execution-role-awslogs",
                  "ecs.capability.execution-role-ecr-pull",
                  "ecs.capability.task-eni",
                  "ecs.capability.container-health-check",
                  "ecs.capability.container-ordering",
                  "ecs.capability.secrets.asm.environment-variables",
                  "ecs.capability.secrets.ssm.environment-variables"))
          .toList();

  private InstanceAttributes() {}

  static List<Attribute> registered(
      IdentityDocument doc, List<Attribute> sent, List<Attribute> previous) {
    Map<String, Attribute> byName = new LinkedHashMap<>();
    for (Attribute a : previous) {
      if (AttributeRules.isCustom(a.name())) {
        byName.put(a.name(), a);
      }
    }
    for (Attribute a : sent) {
      AttributeRules.validate(a);
      byName.put(a.name(), plain(a.name(), a.value()));
    }
    if (byName.keySet().stream().noneMatch(InstanceAttributes::isCapability)) {
      KECS_CAPABILITIES.forEach(c -> byName.put(c, plain(c, null)));
    }
    putIfPresent(byName, "ecs.instance-type", doc.instanceType());
    putIfPresent(byName, "ecs.availability-zone", doc.availabilityZone());
    putIfPresent(byName, "ecs.ami-id", doc.imageId());
    byName.putIfAbsent("ecs.os-type", plain("ecs.os-type", "linux"));
    byName.putIfAbsent("ecs.os-family", plain("ecs.os-family", "LINUX"));
    byName.putIfAbsent("ecs.cpu-architecture", plain("ecs.cpu-architecture", architecture(doc)));
    List<Attribute> result = List.copyOf(byName.values());
    AttributeRules.checkCustomLimit("The container instance", result);
    return result;
  }

  private static boolean isCapability(String name) {
    return name.startsWith("com.amazonaws.ecs.capability.") || name.startsWith("ecs.capability.");
  }

  private static String architecture(IdentityDocument doc) {
    if (doc.architecture() == null) {
      return InstanceSizing.architectureOf(doc.instanceType());
    }
    return doc.architecture().equals("aarch64") ? "arm64" : doc.architecture();
  }

  private static void putIfPresent(Map<String, Attribute> byName, String name, String value) {
    if (value != null && !value.isEmpty()) {
      byName.put(name, plain(name, value));
    }
  }

  /** Attributes are stored without target: the record they sit in is the target. */
  static Attribute plain(String name, String value) {
    return Attribute.builder().name(name).value(value).build();
  }
}
