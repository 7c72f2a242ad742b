package io.kecs.ecs.task;

import io.kecs.runtime.TaskObservation.ContainerObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation.Health;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Task health as ECS derives it: only essential containers with a health check count; any of them
 * UNHEALTHY makes the task UNHEALTHY, all HEALTHY makes it HEALTHY, otherwise UNKNOWN.
 */
final class TaskHealth {
  private TaskHealth() {}

  static String of(TaskDefinition def, List<ContainerObservation> observed) {
    Set<String> checked =
        def.containerDefinitions().stream()
            .filter(c -> c.healthCheck() != null && isEssential(c))
            .map(ContainerDefinition::name)
            .collect(Collectors.toSet());
    if (checked.isEmpty()) {
      return "UNKNOWN";
    }
    List<Health> states =
        observed.stream()
            .filter(c -> checked.contains(c.name()))
            .map(ContainerObservation::health)
            .toList();
    if (states.contains(Health.UNHEALTHY)) {
      return "UNHEALTHY";
    }
    return states.size() == checked.size() && states.stream().allMatch(h -> h == Health.HEALTHY)
        ? "HEALTHY"
        : "UNKNOWN";
  }

  /** Containers are essential unless the definition says otherwise. */
  static boolean isEssential(ContainerDefinition c) {
    return c.essential() == null || c.essential();
  }

  static boolean isEssential(TaskDefinition def, String container) {
    return def.containerDefinitions().stream()
        .filter(c -> c.name().equals(container))
        .findFirst()
        .map(TaskHealth::isEssential)
        .orElse(true);
  }
}
