package io.kecs.ecs.taskdef;

import io.kecs.ecs.error.ClientException;
import java.util.List;

/**
 * Container memory and cpu against each other and against the task size: a container needs a memory
 * limit or reservation unless the task has a memory size, the reservation cannot exceed the limit,
 * no container can exceed the task, and the containers together cannot reserve more than the task
 * has.
 */
final class ContainerMemoryRules {
  /** The smallest memory a container can be given (what Docker reserves for a container). */
  static final int MIN_CONTAINER_MEMORY = 4;

  private ContainerMemoryRules() {}

  static void check(ContainerSpec c, TaskSize size) {
    String name = c.name();
    if (c.memory() != null && c.memory() < MIN_CONTAINER_MEMORY) {
      throw new ClientException(
          "Invalid 'memory' setting for container '"
              + name
              + "'. The minimum is "
              + MIN_CONTAINER_MEMORY
              + " MiB.");
    }
    if (c.memoryReservation() != null && c.memoryReservation() < MIN_CONTAINER_MEMORY) {
      throw new ClientException(
          "Invalid 'memoryReservation' setting for container '"
              + name
              + "'. The minimum is "
              + MIN_CONTAINER_MEMORY
              + " MiB.");
    }
    if (c.memory() != null && c.memoryReservation() != null && c.memoryReservation() > c.memory()) {
      throw new ClientException(
          "Invalid 'memoryReservation' setting for container '"
              + name
              + "'. 'memory' must be greater than or equal to 'memoryReservation'.");
    }
    if (size.memory() == null && c.memory() == null && c.memoryReservation() == null) {
      throw new ClientException(
          "Invalid setting for container '"
              + name
              + "'. At least one of 'memory' or 'memoryReservation' must be specified.");
    }
    if (size.memory() != null) {
      if (c.memory() != null && c.memory() > size.memory()) {
        throw new ClientException(
            "The 'memory' setting for container '" + name + "' is greater than for the task.");
      }
      if (c.memoryReservation() != null && c.memoryReservation() > size.memory()) {
        throw new ClientException(
            "The 'memoryReservation' setting for container '"
                + name
                + "' is greater than for the task.");
      }
    }
  }

  static void checkTaskTotals(List<ContainerSpec> containers, TaskSize size) {
    if (size.cpu() != null) {
      long cpu = containers.stream().mapToLong(c -> c.cpu() == null ? 0 : c.cpu()).sum();
      if (cpu > size.cpu()) {
        throw new ClientException(
            "The sum of all container 'cpu' values cannot be greater than the value of the task"
                + " 'cpu'.");
      }
    }
    if (size.memory() != null) {
      long reserved = containers.stream().mapToLong(ContainerSpec::reservedMemory).sum();
      if (reserved > size.memory()) {
        throw new ClientException(
            "The sum of all container memory reservations cannot be greater than the value of the"
                + " task 'memory'.");
      }
    }
  }
}
