package io.kecs.ecs.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * One scheduler round of a service whose runtime runs it as a workload ({@link
 * io.kecs.runtime.ServiceWorkloads}): the workload starts, replaces and scales tasks, so the
 * scheduler only stops what ECS would stop and the workload would keep (unhealthy tasks, tasks on
 * DRAINING instances, every task of a service being deleted), and reports what the workload did.
 *
 * @param started tasks the workload started since the last round
 * @param unplaceable why the workload could not place a task, or null
 * @param desiredCount the workload's desired count (DAEMON services: the eligible hosts), or null
 * @param desiredByDeployment how many tasks the workload wants per ECS deployment, or null
 */
record WorkloadRound(
    Rollout.Plan plan,
    List<Task> started,
    String unplaceable,
    Integer desiredCount,
    Map<String, Integer> desiredByDeployment) {

  /** The stops of a round, as a pure function of the service and its live tasks. */
  static Rollout.Plan stops(
      Service s, List<Task> tasks, Predicate<Task> healthy, Predicate<Task> onDrainingInstance) {
    List<Task> active = tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList();
    List<Rollout.Stop> stops = new ArrayList<>();
    boolean deleting = !"ACTIVE".equals(s.status());
    boolean daemon = DaemonServicePlacement.isDaemon(s);
    for (Task t : active) {
      if (deleting) {
        stops.add(new Rollout.Stop(t, Rollout.StopReason.DRAINING));
      } else if ("UNHEALTHY".equals(t.healthStatusAsString()) && !healthy.test(t)) {
        stops.add(new Rollout.Stop(t, Rollout.StopReason.UNHEALTHY));
      } else if (!daemon && onDrainingInstance.test(t)) {
        // A DaemonSet's pods tolerate the cordon of a DRAINING node: one stopped there would only
        // be made again. Replicas move: their replacements avoid the cordoned node.
        stops.add(new Rollout.Stop(t, Rollout.StopReason.INSTANCE_DRAINING));
      }
    }
    return new Rollout.Plan(0, stops, stops.isEmpty());
  }

  /** The service with the desired count the workload found (DAEMON services only). */
  Service withDesiredCount(Service latest) {
    if (desiredCount == null
        || !"ACTIVE".equals(latest.status())
        || desiredCount.equals(latest.desiredCount())) {
      return latest;
    }
    return latest.toBuilder().desiredCount(desiredCount).build();
  }
}
