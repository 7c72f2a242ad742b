package io.kecs.ecs.taskdef;

import io.kecs.ecs.error.ClientException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;

/**
 * The {@code dependsOn} rules: a dependency names another container of the same task, COMPLETE and
 * SUCCESS cannot wait on an essential container (it would never finish without stopping the task),
 * HEALTHY needs a health check to wait on, and dependencies cannot form a cycle (the task would
 * never start).
 */
final class ContainerDependencies {
  private ContainerDependencies() {}

  static void check(List<ContainerSpec> containers) {
    Map<String, ContainerSpec> byName = new HashMap<>();
    containers.forEach(c -> byName.put(c.name(), c));
    for (ContainerSpec c : containers) {
      for (ContainerDependency d : c.dependsOn()) {
        ContainerSpec target = byName.get(d.containerName());
        if (target == null) {
          throw new ClientException(
              "Invalid 'dependsOn' setting for container '"
                  + c.name()
                  + "'. Container '"
                  + d.containerName()
                  + "' is not defined in the task definition.");
        }
        if (target == c) {
          throw new ClientException(
              "Invalid 'dependsOn' setting for container '"
                  + c.name()
                  + "'. A container cannot depend on itself.");
        }
        ContainerCondition condition = d.condition();
        if ((condition == ContainerCondition.COMPLETE || condition == ContainerCondition.SUCCESS)
            && target.essential()) {
          throw new ClientException(
              "A dependency container with SUCCESS or COMPLETE condition cannot be an essential"
                  + " container");
        }
        if (condition == ContainerCondition.HEALTHY && target.healthCheck() == null) {
          throw new ClientException(
              "Invalid 'dependsOn' setting for container '"
                  + c.name()
                  + "'. The HEALTHY condition requires container '"
                  + target.name()
                  + "' to have a health check.");
        }
      }
    }
    Set<String> done = new HashSet<>();
    for (ContainerSpec c : containers) {
      visit(c.name(), byName, new HashSet<>(), done);
    }
  }

  private static void visit(
      String name, Map<String, ContainerSpec> byName, Set<String> path, Set<String> done) {
    if (done.contains(name)) {
      return;
    }
    if (!path.add(name)) {
      throw new ClientException(
          "Invalid 'dependsOn' setting: the container dependencies form a cycle through container '"
              + name
              + "'.");
    }
    for (ContainerDependency d : byName.get(name).dependsOn()) {
      visit(d.containerName(), byName, path, done);
    }
    path.remove(name);
    done.add(name);
  }
}
