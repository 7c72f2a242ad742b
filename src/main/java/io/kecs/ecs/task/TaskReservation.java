package io.kecs.ecs.task;

import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * What one task of a definition reserves on a container instance. Shared by task placement and by
 * the daemon schedulers, which pick the instance themselves but must still check that it has room.
 */
public final class TaskReservation {
  private TaskReservation() {}

  /** The CPU units a task reserves: task level if set, else the sum of its containers. */
  public static int cpuOf(TaskDefinition def) {
    Integer taskCpu = parse(def.cpu());
    if (taskCpu != null) {
      return taskCpu;
    }
    return def.containerDefinitions().stream().mapToInt(c -> c.cpu() == null ? 0 : c.cpu()).sum();
  }

  /** The MiB a task reserves: task level if set, else each container's memory or reservation. */
  public static int memoryOf(TaskDefinition def) {
    Integer taskMemory = parse(def.memory());
    if (taskMemory != null) {
      return taskMemory;
    }
    int sum = 0;
    for (ContainerDefinition c : def.containerDefinitions()) {
      sum +=
          c.memoryReservation() != null
              ? c.memoryReservation()
              : c.memory() != null ? c.memory() : 0;
    }
    return sum;
  }

  /**
   * Why a task of {@code def} does not fit on an instance with what it has left, in ECS's failure
   * words ({@code RESOURCE:MEMORY}, {@code RESOURCE:CPU}), or null when it fits.
   */
  public static String shortfall(TaskDefinition def, InstanceCatalog.Candidate instance) {
    if (instance.remainingMemory() < memoryOf(def)) {
      return "RESOURCE:MEMORY";
    }
    if (instance.remainingCpu() < cpuOf(def)) {
      return "RESOURCE:CPU";
    }
    return null;
  }

  private static Integer parse(String s) {
    try {
      return s == null ? null : Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
