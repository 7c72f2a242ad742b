package io.kecs.ecs.daemon;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What the daemon scheduler decides for a daemon whose runtime runs it as a workload of its own (a
 * Kubernetes DaemonSet), as pure functions of its live tasks. The workload places, replaces and
 * restarts tasks itself; the scheduler only stops what ECS would stop and the workload would keep,
 * and tells when a deployment has rolled out.
 */
final class DaemonWorkloadPlan {
  private DaemonWorkloadPlan() {}

  /**
   * The workload's rolling limit for {@code drainPercent}: the percentage of hosts that must keep a
   * healthy task. Kubernetes takes whole percentages (rounded up to hosts, as ECS rounds up
   * instances), so the drain percentage is rounded down: never more hosts at once than ECS would.
   */
  static int minimumHealthyPercent(double drainPercent) {
    int drain = (int) Math.floor(Math.max(0.0, Math.min(100.0, drainPercent)));
    return 100 - drain;
  }

  /** The bake time as the seconds a new task must stay ready before the rollout goes on. */
  static int minReadySeconds(Integer bakeTimeInMinutes) {
    return bakeTimeInMinutes == null ? 0 : Math.max(0, bakeTimeInMinutes) * 60;
  }

  /** Tasks that failed their container health checks: the workload would keep them running. */
  static List<Task> unhealthy(List<Task> tasks, Predicate<Task> healthy) {
    return live(tasks)
        .filter(t -> "UNHEALTHY".equals(t.healthStatusAsString()) && !healthy.test(t))
        .toList();
  }

  /**
   * Whether the target revision has rolled out: every eligible instance runs a healthy task of it
   * and no task of another revision is left anywhere (the workload replaces those on every host it
   * runs on, including DRAINING ones).
   */
  static boolean rolledOut(
      Set<String> eligible, List<Task> tasks, String targetId, Predicate<Task> healthy) {
    if (live(tasks).anyMatch(t -> !targetId.equals(t.startedBy()))) {
      return false;
    }
    Set<String> covered =
        live(tasks)
            .filter(t -> "RUNNING".equals(t.lastStatus()) && healthy.test(t))
            .map(Task::containerInstanceArn)
            .filter(java.util.Objects::nonNull)
            .collect(java.util.stream.Collectors.toSet());
    return covered.containsAll(eligible);
  }

  /** Whether tasks of another revision are still live: a replacement (a bakeable step) is on. */
  static boolean replacing(List<Task> tasks, String targetId) {
    return live(tasks).anyMatch(t -> !targetId.equals(t.startedBy()));
  }

  private static java.util.stream.Stream<Task> live(List<Task> tasks) {
    return tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus()));
  }
}
