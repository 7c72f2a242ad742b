package io.kecs.ecs.instance;

import io.kecs.identity.Arn;
import java.util.Set;

/**
 * What tasks placed on a container instance use, as the task aggregate counts it. Until that
 * aggregate is wired ({@link ContainerInstanceService#connectUsage}) nothing is placed: remaining
 * resources equal registered ones and the task counts are zero.
 */
public interface InstanceUsage {
  InstanceUsage NONE = instance -> Usage.NONE;

  Usage of(Arn containerInstance);

  /**
   * @param runningTasks tasks on the instance whose desired status is RUNNING
   * @param pendingTasks tasks on the instance in the PENDING status
   * @param cpu CPU units reserved by those tasks
   * @param memory MiB reserved by those tasks
   * @param tcpPorts host TCP ports their containers reserve
   * @param udpPorts host UDP ports their containers reserve
   * @param taskGroups the groups of those tasks, for {@code task:group} queries
   */
  record Usage(
      int runningTasks,
      int pendingTasks,
      int cpu,
      int memory,
      Set<String> tcpPorts,
      Set<String> udpPorts,
      Set<String> taskGroups) {
    public static final Usage NONE = new Usage(0, 0, 0, 0, Set.of(), Set.of(), Set.of());

    public boolean hasTasks() {
      return runningTasks + pendingTasks > 0;
    }
  }
}
