package io.kecs.ecs.taskdef;

import java.util.List;

/**
 * The task sizes Fargate offers: each cpu value allows a range of memory values in fixed steps (the
 * "Task size" table of the ECS developer guide).
 */
final class FargateResources {
  /** One cpu value and the memory it allows: {@code minMemory..maxMemory} by {@code step} MiB. */
  record Row(int cpu, int minMemory, int maxMemory, int step) {
    boolean allows(int memory) {
      return memory >= minMemory && memory <= maxMemory && (memory - minMemory) % step == 0;
    }
  }

  static final List<Row> ROWS =
      List.of(
          // 256 allows 512, 1024 and 2048: not one step, so two rows.
          new Row(256, 512, 512, 512),
          new Row(256, 1024, 2048, 1024),
          new Row(512, 1024, 4096, 1024),
          new Row(1024, 2048, 8192, 1024),
          new Row(2048, 4096, 16384, 1024),
          new Row(4096, 8192, 30720, 1024),
          new Row(8192, 16384, 61440, 4096),
          new Row(16384, 32768, 122880, 8192));

  /** Windows containers on Fargate need at least one vCPU. */
  static final int MIN_WINDOWS_CPU = 1024;

  private FargateResources() {}

  static boolean isValid(int cpu, int memory) {
    return ROWS.stream().anyMatch(r -> r.cpu() == cpu && r.allows(memory));
  }

  static String invalidMessage(int cpu, int memory) {
    return "No Fargate configuration exists for given values: "
        + cpu
        + " CPU, "
        + memory
        + " memory. See the Amazon ECS documentation for the valid values.";
  }
}
