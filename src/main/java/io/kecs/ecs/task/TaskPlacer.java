package io.kecs.ecs.task;

import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Chooses container instances for EC2 / EXTERNAL tasks: resources first (CPU, memory, the static
 * host ports of bridge and host network mode tasks), then constraints (distinctInstance, memberOf),
 * then the strategy (random, binpack on cpu or memory, spread over instances or an attribute).
 * Instances used by earlier tasks of the same call count as used. A task placed through an Auto
 * Scaling group capacity provider goes only to that provider's instances.
 */
final class TaskPlacer {
  private final InstanceCatalog instances;

  TaskPlacer(InstanceCatalog instances) {
    this.instances = instances;
  }

  /** The result of placing {@code count} tasks: the chosen instances and failures for the rest. */
  record Result(List<InstanceCatalog.Candidate> chosen, List<Failure> failures) {}

  Result place(
      Arn cluster,
      TaskDefinition def,
      int count,
      List<PlacementConstraint> constraints,
      List<PlacementStrategy> strategy) {
    return place(cluster, def, count, constraints, strategy, null);
  }

  /**
   * @param capacityProvider the EC2 capacity provider the tasks are placed through: only instances
   *     registered with it are candidates; null for any instance (launch type EC2)
   */
  Result place(
      Arn cluster,
      TaskDefinition def,
      int count,
      List<PlacementConstraint> constraints,
      List<PlacementStrategy> strategy,
      String capacityProvider) {
    List<InstanceCatalog.Candidate> all = instances.candidates(cluster);
    if (all.isEmpty()) {
      throw new InvalidParameterException(EcsMessages.NO_CONTAINER_INSTANCES);
    }
    if (capacityProvider != null) {
      all = all.stream().filter(c -> capacityProvider.equals(c.capacityProviderName())).toList();
      if (all.isEmpty()) {
        // The provider has no instance (ECS would wait for it to scale out; KECS cannot): every
        // task fails, named by the provider, and other items of a strategy still place theirs.
        Failure none =
            Failure.builder()
                .arn(Arn.ecs(cluster.scope(), "capacity-provider", capacityProvider).toString())
                .reason("MISSING")
                .detail("No container instances of capacity provider " + capacityProvider + ".")
                .build();
        return new Result(List.of(), java.util.Collections.nCopies(count, none));
      }
    }
    int cpu = TaskReservation.cpuOf(def);
    int memory = TaskReservation.memoryOf(def);
    Map<String, int[]> remaining = new HashMap<>();
    all.forEach(
        c ->
            remaining.put(
                c.containerInstanceArn(), new int[] {c.remainingCpu(), c.remainingMemory()}));
    TaskReservation.HostPorts ports = TaskReservation.hostPortsOf(def);
    Map<String, TaskReservation.HostPorts> portsInUse = new HashMap<>();
    all.forEach(
        c ->
            portsInUse.put(
                c.containerInstanceArn(),
                new TaskReservation.HostPorts(c.tcpPorts(), c.udpPorts())));
    Set<String> usedByThisCall = new HashSet<>();
    List<InstanceCatalog.Candidate> chosen = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<InstanceCatalog.Candidate> fit = new ArrayList<>();
      String shortOf = null;
      for (InstanceCatalog.Candidate c : all) {
        int[] left = remaining.get(c.containerInstanceArn());
        if (left[1] < memory) {
          shortOf = "RESOURCE:MEMORY";
        } else if (left[0] < cpu) {
          shortOf = "RESOURCE:CPU";
        } else if (ports.clash(portsInUse.get(c.containerInstanceArn())) != null) {
          shortOf = ports.clash(portsInUse.get(c.containerInstanceArn()));
        } else if (!satisfies(c, constraints, usedByThisCall)) {
          shortOf = shortOf == null ? "MemberOf placement constraint unsatisfied." : shortOf;
        } else {
          fit.add(c);
        }
      }
      if (fit.isEmpty()) {
        failures.add(
            Failure.builder().arn(all.get(0).containerInstanceArn()).reason(shortOf).build());
        continue;
      }
      InstanceCatalog.Candidate pick = pick(fit, strategy, remaining, chosen);
      int[] left = remaining.get(pick.containerInstanceArn());
      left[0] -= cpu;
      left[1] -= memory;
      portsInUse.merge(pick.containerInstanceArn(), ports, TaskReservation.HostPorts::plus);
      usedByThisCall.add(pick.containerInstanceArn());
      chosen.add(pick);
    }
    return new Result(chosen, failures);
  }

  private boolean satisfies(
      InstanceCatalog.Candidate c, List<PlacementConstraint> constraints, Set<String> used) {
    for (PlacementConstraint pc : constraints) {
      if ("distinctInstance".equals(pc.typeAsString()) && used.contains(c.containerInstanceArn())) {
        return false;
      }
      if ("memberOf".equals(pc.typeAsString()) && !instances.matches(c, pc.expression())) {
        return false;
      }
    }
    return true;
  }

  private static InstanceCatalog.Candidate pick(
      List<InstanceCatalog.Candidate> fit,
      List<PlacementStrategy> strategy,
      Map<String, int[]> remaining,
      List<InstanceCatalog.Candidate> chosen) {
    for (PlacementStrategy s : strategy) {
      String field = s.field() == null ? "" : s.field().toLowerCase();
      switch (s.typeAsString()) {
        case "binpack" -> {
          int index = "cpu".equals(field) ? 0 : 1;
          return fit.stream()
              .min(Comparator.comparingInt(c -> remaining.get(c.containerInstanceArn())[index]))
              .orElseThrow();
        }
        case "spread" -> {
          String key = s.field() == null ? "instanceId" : s.field();
          Map<String, Long> load = new HashMap<>();
          for (InstanceCatalog.Candidate c : chosen) {
            load.merge(spreadValue(c, key), 1L, Long::sum);
          }
          return fit.stream()
              .min(Comparator.comparingLong(c -> load.getOrDefault(spreadValue(c, key), 0L)))
              .orElseThrow();
        }
        default -> {
          // random: fall through to the random pick below
        }
      }
    }
    return fit.get(ThreadLocalRandom.current().nextInt(fit.size()));
  }

  private static String spreadValue(InstanceCatalog.Candidate c, String field) {
    if (field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host")) {
      return c.containerInstanceArn();
    }
    String attribute =
        field.startsWith("attribute:") ? field.substring("attribute:".length()) : field;
    if (attribute.equals("ecs.availability-zone")) {
      return c.availabilityZone();
    }
    return c.attributes().getOrDefault(attribute, "");
  }
}
