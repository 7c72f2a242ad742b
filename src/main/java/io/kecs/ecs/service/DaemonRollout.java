package io.kecs.ecs.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The daemon placement plan for one moment, as a pure function of the instances that should run a
 * task and the live tasks: exactly one task per eligible container instance, none anywhere else.
 * Used by DAEMON services and by ECS daemons alike.
 *
 * <p>A daemon never surges: an instance's old task is stopped, and only once it has stopped does
 * the instance get a task of the target generation (maximumPercent is 100). Old tasks that are
 * healthy are replaced only while at most {@code maxUnavailable} eligible instances lack a healthy
 * task, so a rollout proceeds instance by instance (or batch by batch). Instances that are not
 * eligible (DRAINING, deregistered, no longer matching) lose their tasks at once.
 */
public final class DaemonRollout {
  private DaemonRollout() {}

  /** Why the plan stops a task. */
  public enum StopReason {
    /** Its instance is no longer eligible: draining, gone, or no longer matching. */
    INELIGIBLE,
    /** Another task of the daemon already runs on its instance. */
    DUPLICATE,
    /** It failed its container health checks. */
    UNHEALTHY,
    /** It belongs to an older generation and is being replaced. */
    REPLACED,
    /** The daemon or service is being deleted. */
    REMOVED
  }

  public record Stop(Task task, StopReason reason) {}

  /**
   * @param launchOn the instances to start a task of the target generation on
   * @param stops the tasks to stop
   * @param unavailable eligible instances without a healthy task once the stops are made
   * @param complete every eligible instance runs one healthy task of the target generation and
   *     nothing else runs
   */
  public record Plan(List<String> launchOn, List<Stop> stops, int unavailable, boolean complete) {}

  /**
   * What the plan works towards.
   *
   * @param active false once the daemon or service is being deleted: every task stops, at most
   *     {@code maxUnavailable} at a time
   * @param eligible the container instance ARNs that should each run exactly one task
   * @param isTarget whether a task belongs to the generation being rolled out
   * @param healthy whether a task counts as healthy (RUNNING, passing its health checks)
   * @param maxUnavailable how many eligible instances may lack a healthy task while healthy old
   *     tasks are replaced (0 pauses replacements, e.g. while baking)
   * @param launchesAllowed false while no task may be started (the deployment failed)
   */
  public record Goal(
      boolean active,
      Set<String> eligible,
      Predicate<Task> isTarget,
      Predicate<Task> healthy,
      int maxUnavailable,
      boolean launchesAllowed) {}

  /**
   * @param tasks the live (not STOPPED) tasks of the daemon or service
   */
  public static Plan plan(Goal goal, List<Task> tasks) {
    List<Stop> stops = new ArrayList<>();
    List<Task> running = tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList();
    if (!goal.active()) {
      // Drained a batch at a time: no more than maxUnavailable tasks stopping at once.
      long stopping = tasks.size() - running.size();
      running.stream()
          .sorted(Comparator.comparing(DaemonRollout::instanceOf).thenComparing(Task::createdAt))
          .limit(Math.max(0, goal.maxUnavailable() - stopping))
          .forEach(t -> stops.add(new Stop(t, StopReason.REMOVED)));
      return new Plan(List.of(), stops, 0, tasks.isEmpty());
    }
    // Instances still stopping a task get nothing new until it has stopped.
    Set<String> stopping = new HashSet<>();
    tasks.stream()
        .filter(t -> !"RUNNING".equals(t.desiredStatus()))
        .forEach(t -> stopping.add(instanceOf(t)));
    Map<String, List<Task>> byInstance = new LinkedHashMap<>();
    for (Task t : running) {
      if (goal.eligible().contains(instanceOf(t))) {
        byInstance.computeIfAbsent(instanceOf(t), k -> new ArrayList<>()).add(t);
      } else {
        stops.add(new Stop(t, StopReason.INELIGIBLE));
      }
    }
    Map<String, Task> kept = new LinkedHashMap<>();
    for (String instance : new TreeSet<>(goal.eligible())) {
      List<Task> here = new ArrayList<>(byInstance.getOrDefault(instance, List.of()));
      here.removeIf(
          t -> {
            if ("UNHEALTHY".equals(t.healthStatusAsString())) {
              stops.add(new Stop(t, StopReason.UNHEALTHY));
              return true;
            }
            return false;
          });
      here.sort(
          Comparator.comparing((Task t) -> !goal.isTarget().test(t))
              .thenComparing(t -> !goal.healthy().test(t))
              .thenComparing(Task::createdAt));
      for (int i = 1; i < here.size(); i++) {
        stops.add(new Stop(here.get(i), StopReason.DUPLICATE));
      }
      if (!here.isEmpty()) {
        kept.put(instance, here.get(0));
      }
    }
    int unavailable =
        (int)
            goal.eligible().stream()
                .filter(i -> !kept.containsKey(i) || !goal.healthy().test(kept.get(i)))
                .count();
    List<String> launchOn = new ArrayList<>();
    if (goal.launchesAllowed()) {
      for (String instance : new TreeSet<>(goal.eligible())) {
        if (!kept.containsKey(instance) && !stopping.contains(instance)) {
          launchOn.add(instance);
        }
      }
      // Old tasks that are not healthy count for nothing: replace them freely. Healthy ones go
      // while the unavailable budget lasts, oldest first.
      List<Task> old =
          kept.values().stream()
              .filter(goal.isTarget().negate())
              .sorted(
                  Comparator.comparing((Task t) -> goal.healthy().test(t))
                      .thenComparing(Task::createdAt))
              .toList();
      for (Task t : old) {
        if (!goal.healthy().test(t)) {
          stops.add(new Stop(t, StopReason.REPLACED));
        } else if (unavailable < goal.maxUnavailable()) {
          stops.add(new Stop(t, StopReason.REPLACED));
          unavailable++;
        }
      }
    }
    boolean complete =
        stops.isEmpty()
            && launchOn.isEmpty()
            && goal.eligible().stream()
                .allMatch(
                    i ->
                        kept.containsKey(i)
                            && goal.isTarget().test(kept.get(i))
                            && goal.healthy().test(kept.get(i)));
    return new Plan(launchOn, stops, unavailable, complete);
  }

  /**
   * How many eligible instances may be without a healthy task during a rollout that keeps {@code
   * percent} of them healthy: at least one, so a rollout can always move.
   */
  public static int maxUnavailableKeeping(int eligible, int percent) {
    int keep = (int) Math.ceil(eligible * percent / 100.0);
    return Math.max(1, eligible - keep);
  }

  /** How many instances a rollout replacing {@code percent} of them at a time may take down. */
  public static int maxUnavailableReplacing(int eligible, double percent) {
    return Math.max(1, (int) Math.ceil(eligible * percent / 100.0));
  }

  private static String instanceOf(Task t) {
    return t.containerInstanceArn() == null ? "" : t.containerInstanceArn();
  }
}
