package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.EphemeralStorage;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** Collects a task's sizes, RunTask overrides on top of the definition, for the translator. */
final class Sizing {
  private Sizing() {}

  static Map<String, ResourceRequirements> of(Task task, TaskDefinition def, DependencyPlan plan) {
    List<ResourceTranslator.Sizes> sizes = new ArrayList<>();
    for (ContainerDefinition c : def.containerDefinitions()) {
      ContainerOverride o = PodTranslator.override(task, c.name());
      sizes.add(
          new ResourceTranslator.Sizes(
              c.name(),
              o != null && o.cpu() != null ? o.cpu() : c.cpu(),
              o != null && o.memory() != null ? o.memory() : c.memory(),
              o != null && o.memoryReservation() != null
                  ? o.memoryReservation()
                  : c.memoryReservation(),
              o != null && !o.resourceRequirements().isEmpty()
                  ? o.resourceRequirements()
                  : c.resourceRequirements()));
    }
    String firstEssential =
        plan.main().stream()
            .filter(c -> c.essential() == null || c.essential())
            .map(ContainerDefinition::name)
            .findFirst()
            .orElse(null);
    return ResourceTranslator.of(
        sizes,
        task.cpu() != null ? task.cpu() : def.cpu(),
        task.memory() != null ? task.memory() : def.memory(),
        ephemeralGiB(task, def),
        firstEssential);
  }

  private static Integer ephemeralGiB(Task task, TaskDefinition def) {
    EphemeralStorage e =
        task.overrides() != null && task.overrides().ephemeralStorage() != null
            ? task.overrides().ephemeralStorage()
            : def.ephemeralStorage();
    return e == null ? null : e.sizeInGiB();
  }
}
