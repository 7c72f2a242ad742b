package io.kecs.ecs.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * What an EXTERNAL or CODE_DEPLOY service shows of its tasks: per task set the computed desired,
 * running and pending counts and the stability status; in all the service's running and pending
 * counts; DRAINING task sets leave once their last task has stopped. Pure.
 */
final class TaskSetStatus {
  private TaskSetStatus() {}

  /**
   * @param service the service with its counts brought up to date
   * @param removed DRAINING task sets that have no task left and are gone
   */
  record Counted(Service service, List<TaskSet> removed) {}

  static Counted withCounts(Service s, List<Task> tasks, Predicate<Task> healthy, Instant now) {
    Map<String, List<Task>> bySet = Rollout.byDeployment(tasks);
    List<TaskSet> kept = new ArrayList<>();
    List<TaskSet> removed = new ArrayList<>();
    int running = 0;
    int pending = 0;
    for (TaskSet ts : s.taskSets()) {
      List<Task> mine = bySet.getOrDefault(ts.id(), List.of());
      if ("DRAINING".equals(ts.status()) && mine.isEmpty()) {
        removed.add(ts);
        continue;
      }
      List<Task> active = mine.stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList();
      int r = (int) active.stream().filter(ServiceStatus::isRunning).count();
      int p = (int) active.stream().filter(ServiceStatus::isPending).count();
      running += r;
      pending += p;
      int computed = computedDesiredCount(s, ts);
      // Tasks still being stopped count against stability as ECS's "DRAINING" tasks do.
      boolean steady =
          r == computed
              && p == 0
              && mine.size() == active.size()
              && active.size() == computed
              && active.stream().allMatch(healthy);
      kept.add(described(ts, computed, r, p, steady ? "STEADY_STATE" : "STABILIZING", now));
    }
    Service next = s.toBuilder().taskSets(kept).runningCount(running).pendingCount(pending).build();
    return new Counted(next.equals(s) ? s : next, removed);
  }

  /** Task sets re-scaled after the service's desired count or a task set's scale changed. */
  static Service withDesiredCounts(Service s, Instant now) {
    List<TaskSet> sets = new ArrayList<>();
    for (TaskSet ts : s.taskSets()) {
      int computed = computedDesiredCount(s, ts);
      if (Integer.valueOf(computed).equals(ts.computedDesiredCount())) {
        sets.add(ts);
      } else {
        sets.add(described(ts, computed, ts.runningCount(), ts.pendingCount(), "STABILIZING", now));
      }
    }
    return s.toBuilder().taskSets(sets).build();
  }

  static boolean allSteady(Service s) {
    return !s.taskSets().isEmpty()
        && s.taskSets().stream()
            .allMatch(ts -> "STEADY_STATE".equals(ts.stabilityStatusAsString()));
  }

  /** A DRAINING task set wants no task; the others their share of the service's desired count. */
  static int computedDesiredCount(Service s, TaskSet ts) {
    return "DRAINING".equals(ts.status())
        ? 0
        : TaskSetRules.computedDesiredCount(s.desiredCount(), ts.scale());
  }

  private static TaskSet described(
      TaskSet ts, int computed, int running, int pending, String stability, Instant now) {
    TaskSet.Builder b =
        ts.toBuilder().computedDesiredCount(computed).runningCount(running).pendingCount(pending);
    if (!stability.equals(ts.stabilityStatusAsString())) {
      b.stabilityStatus(stability).stabilityStatusAt(now);
    }
    TaskSet next = b.build();
    return next.equals(ts) ? ts : next.toBuilder().updatedAt(now).build();
  }
}
