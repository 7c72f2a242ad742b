package io.kecs.ecs.task;

import software.amazon.awssdk.services.ecs.model.Task;

/**
 * When a scheduler may count a task as healthy (minimum healthy percent, steady state): RUNNING,
 * not being stopped, and, if its definition has an essential container with a health check,
 * HEALTHY. The one place services, task sets and daemons take this rule from.
 */
public final class HealthyTasks {
  private final TaskDefinitionSource definitions;

  public HealthyTasks(TaskDefinitionSource definitions) {
    this.definitions = definitions;
  }

  public boolean isHealthy(Task t) {
    if (!"RUNNING".equals(t.lastStatus()) || !"RUNNING".equals(t.desiredStatus())) {
      return false;
    }
    String health = t.healthStatusAsString();
    if ("UNHEALTHY".equals(health)) {
      return false;
    }
    boolean checked =
        definitions
            .byArn(t.taskDefinitionArn())
            .map(
                d ->
                    d.containerDefinitions().stream()
                        .anyMatch(c -> c.healthCheck() != null && TaskHealth.isEssential(c)))
            .orElse(false);
    return !checked || "HEALTHY".equals(health);
  }
}
