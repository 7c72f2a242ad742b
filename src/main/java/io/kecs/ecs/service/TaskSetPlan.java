package io.kecs.ecs.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * The task set scheduler's plan for one service at one moment, as a pure function of the service
 * and its live tasks: each task set keeps its computed desired count (ECS ignores minimum and
 * maximum percent for task sets), unhealthy tasks are replaced, tasks on DRAINING container
 * instances are replaced and stopped once the replacements are healthy, DRAINING task sets and
 * tasks of no task set are stopped, and a service being deleted stops everything.
 */
final class TaskSetPlan {
  private TaskSetPlan() {}

  record Launch(TaskSet taskSet, int count) {}

  record Plan(List<Launch> launches, List<Rollout.Stop> stops) {}

  /**
   * @param tasks the service's tasks that are not STOPPED
   * @param healthy whether a task counts as healthy; scale-in stops the others first
   * @param isProtected whether scale-in must leave a task alone
   * @param onDrainingInstance whether a task runs on a DRAINING container instance
   */
  static Plan plan(
      Service s,
      List<Task> tasks,
      Predicate<Task> healthy,
      Predicate<Task> isProtected,
      Predicate<Task> onDrainingInstance) {
    List<Task> active = tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList();
    List<Rollout.Stop> stops = new ArrayList<>();
    List<Launch> launches = new ArrayList<>();
    if (!"ACTIVE".equals(s.status())) {
      active.forEach(t -> stops.add(new Rollout.Stop(t, Rollout.StopReason.DRAINING)));
      return new Plan(launches, stops);
    }
    Map<String, List<Task>> bySet = Rollout.byDeployment(active);
    for (Map.Entry<String, List<Task>> e : bySet.entrySet()) {
      boolean known = s.taskSets().stream().anyMatch(ts -> ts.id().equals(e.getKey()));
      if (!known) {
        e.getValue().forEach(t -> stops.add(new Rollout.Stop(t, Rollout.StopReason.DEPLOYMENT)));
      }
    }
    for (TaskSet ts : s.taskSets()) {
      List<Task> mine = new ArrayList<>(bySet.getOrDefault(ts.id(), List.of()));
      if ("DRAINING".equals(ts.status())) {
        mine.forEach(t -> stops.add(new Rollout.Stop(t, Rollout.StopReason.DEPLOYMENT)));
        continue;
      }
      mine.removeIf(
          t -> {
            if ("UNHEALTHY".equals(t.healthStatusAsString())) {
              stops.add(new Rollout.Stop(t, Rollout.StopReason.UNHEALTHY));
              return true;
            }
            return false;
          });
      int desired = TaskSetStatus.computedDesiredCount(s, ts);
      // Tasks on draining instances are replaced first, and go once the replacements are healthy.
      List<Task> leaving = mine.stream().filter(onDrainingInstance).toList();
      mine.removeAll(leaving);
      if (mine.stream().filter(healthy).count() >= desired) {
        leaving.forEach(t -> stops.add(new Rollout.Stop(t, Rollout.StopReason.INSTANCE_DRAINING)));
      }
      if (mine.size() > desired) {
        // Scale in: tasks not yet healthy first, then the newest; protected tasks stay.
        mine.stream()
            .filter(isProtected.negate())
            .sorted(
                Comparator.comparing((Task t) -> healthy.test(t))
                    .thenComparing(Task::createdAt, Comparator.reverseOrder()))
            .limit(mine.size() - desired)
            .forEach(t -> stops.add(new Rollout.Stop(t, Rollout.StopReason.SCALE_IN)));
      } else if (mine.size() < desired) {
        launches.add(new Launch(ts, desired - mine.size()));
      }
    }
    return new Plan(launches, stops);
  }
}
