package io.kecs.runtime.kubernetes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;

/**
 * Where each container of a task goes in the pod so that ECS {@code dependsOn} holds:
 *
 * <ul>
 *   <li>a container another one waits to COMPLETE or SUCCEED becomes a regular init container (it
 *       runs to its end before the next one starts);
 *   <li>a container another one waits to START or be HEALTHY becomes a sidecar init container
 *       ({@code restartPolicy: Always}): Kubernetes starts the next container once it has started,
 *       or once its startup probe passed, which is how HEALTHY is expressed;
 *   <li>every other container is a regular container; they start together.
 * </ul>
 *
 * Init containers are ordered so that each comes after what it depends on (definition order
 * otherwise). A cycle cannot be expressed and is rejected.
 */
record DependencyPlan(List<Placed> init, List<ContainerDefinition> main) {

  enum Role {
    INIT,
    SIDECAR,
    MAIN
  }

  /** An init container, and whether a dependent waits for it to be HEALTHY. */
  record Placed(ContainerDefinition definition, Role role, boolean gatesOnHealth) {}

  static DependencyPlan of(List<ContainerDefinition> containers) {
    Map<String, ContainerDefinition> byName = new LinkedHashMap<>();
    containers.forEach(c -> byName.put(c.name(), c));
    Map<String, Set<ContainerCondition>> wanted = new HashMap<>();
    for (ContainerDefinition c : containers) {
      for (ContainerDependency d : c.dependsOn()) {
        if (!byName.containsKey(d.containerName())) {
          throw new IllegalArgumentException(
              c.name() + " depends on " + d.containerName() + ", which is not in the task");
        }
        wanted.computeIfAbsent(d.containerName(), k -> new HashSet<>()).add(d.condition());
      }
    }
    List<ContainerDefinition> main = new ArrayList<>();
    Map<String, Placed> early = new LinkedHashMap<>();
    for (ContainerDefinition c : containers) {
      Set<ContainerCondition> w = wanted.getOrDefault(c.name(), Set.of());
      if (w.isEmpty()) {
        main.add(c);
        continue;
      }
      boolean runsToEnd =
          w.contains(ContainerCondition.COMPLETE) || w.contains(ContainerCondition.SUCCESS);
      early.put(
          c.name(),
          new Placed(
              c, runsToEnd ? Role.INIT : Role.SIDECAR, w.contains(ContainerCondition.HEALTHY)));
    }
    return new DependencyPlan(ordered(early), main);
  }

  /** Init containers after everything they depend on; definition order breaks ties. */
  private static List<Placed> ordered(Map<String, Placed> early) {
    List<Placed> out = new ArrayList<>();
    Set<String> done = new HashSet<>();
    while (out.size() < early.size()) {
      Placed next = null;
      for (Placed p : early.values()) {
        if (!done.contains(p.definition().name())
            && p.definition().dependsOn().stream()
                .allMatch(d -> done.contains(d.containerName()))) {
          next = p;
          break;
        }
      }
      if (next == null) {
        List<String> left =
            early.keySet().stream().filter(n -> !done.contains(n)).sorted().toList();
        throw new IllegalArgumentException("dependsOn forms a cycle among " + left);
      }
      out.add(next);
      done.add(next.definition().name());
    }
    return out;
  }
}
