package io.kecs.ecs.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The rolling-update (ECS controller) plan for one service at one moment, as a pure function of the
 * service and its live tasks: how many tasks to start for the primary deployment and which tasks to
 * stop, keeping RUNNING + PENDING tasks within {@code maximumPercent} of the desired count and
 * healthy tasks at or above {@code minimumHealthyPercent}. Tasks on a DRAINING container instance
 * are to be replaced like an old deployment's (UpdateContainerInstancesState): replacements start
 * elsewhere within maximumPercent, then the draining ones stop down to minimumHealthyPercent.
 */
final class Rollout {
  static final int DEFAULT_MAX_PERCENT = 200;
  static final int DEFAULT_MIN_HEALTHY_PERCENT = 100;

  private Rollout() {}

  enum StopReason {
    SCALE_IN,
    UNHEALTHY,
    DEPLOYMENT,
    /** The service is being deleted. */
    DRAINING,
    /** The task's container instance is DRAINING: it is replaced elsewhere, then stopped. */
    INSTANCE_DRAINING
  }

  record Stop(Task task, StopReason reason) {}

  record Plan(int launch, List<Stop> stops, boolean stable) {}

  /**
   * @param tasks the service's tasks that are not STOPPED
   * @param healthy whether a task counts as healthy (RUNNING and passing its health checks)
   * @param isProtected whether scale-in must leave a task alone
   * @param launchesAllowed false while the primary deployment may not start tasks (failed, backing
   *     off)
   */
  static Plan plan(
      Service s,
      List<Task> tasks,
      Predicate<Task> healthy,
      Predicate<Task> isProtected,
      boolean launchesAllowed) {
    return plan(s, tasks, healthy, isProtected, launchesAllowed, t -> false);
  }

  /**
   * @param onDrainingInstance whether a task runs on a DRAINING container instance
   */
  static Plan plan(
      Service s,
      List<Task> tasks,
      Predicate<Task> healthy,
      Predicate<Task> isProtected,
      boolean launchesAllowed,
      Predicate<Task> onDrainingInstance) {
    List<Task> active = tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList();
    List<Stop> stops = new ArrayList<>();
    if (!"ACTIVE".equals(s.status())) {
      active.forEach(t -> stops.add(new Stop(t, StopReason.DRAINING)));
      return new Plan(0, stops, active.isEmpty());
    }
    int desired = s.desiredCount() == null ? 0 : s.desiredCount();
    int maxTotal = desired * maxPercent(s) / 100;
    int minHealthy = (int) Math.ceil(desired * minHealthyPercent(s) / 100.0);
    String primaryId = s.deployments().isEmpty() ? null : s.deployments().get(0).id();
    Map<Boolean, List<Task>> split =
        active.stream()
            .collect(
                Collectors.partitioningBy(
                    t -> primaryId != null && primaryId.equals(t.startedBy())));
    List<Task> primary = new ArrayList<>(split.get(true));
    List<Task> others = new ArrayList<>(split.get(false));
    // Tasks on a DRAINING instance count toward neither deployment's wanted tasks; they are
    // replaced first and stopped like an old deployment's tasks.
    List<Task> draining = new ArrayList<>(active.stream().filter(onDrainingInstance).toList());
    primary.removeAll(draining);
    others.removeAll(draining);

    // Unhealthy tasks count for nothing: replace them.
    for (List<Task> group : List.of(primary, others, draining)) {
      group.removeIf(
          t -> {
            if ("UNHEALTHY".equals(t.healthStatusAsString())) {
              stops.add(new Stop(t, StopReason.UNHEALTHY));
              return true;
            }
            return false;
          });
    }
    // Scale in the primary deployment: pending first, then the newest; protected tasks stay.
    if (primary.size() > desired) {
      List<Task> candidates =
          primary.stream()
              .filter(isProtected.negate())
              .sorted(
                  Comparator.comparing((Task t) -> healthy.test(t))
                      .thenComparing(Task::createdAt, Comparator.reverseOrder()))
              .limit(primary.size() - desired)
              .toList();
      candidates.forEach(t -> stops.add(new Stop(t, StopReason.SCALE_IN)));
      primary.removeAll(candidates);
    }
    // Start primary tasks within maximumPercent.
    int want = Math.max(0, desired - primary.size());
    int room = Math.max(0, maxTotal - primary.size() - others.size() - draining.size());
    int launch = launchesAllowed ? Math.min(want, room) : 0;
    // Stop old deployments' tasks: those not healthy freely, healthy ones down to
    // minimumHealthyPercent.
    long healthyNow =
        primary.stream().filter(healthy).count()
            + others.stream().filter(healthy).count()
            + draining.stream().filter(healthy).count();
    long canStop = healthyNow - minHealthy;
    List<Stop> leaving = new ArrayList<>();
    others.forEach(t -> leaving.add(new Stop(t, StopReason.DEPLOYMENT)));
    draining.forEach(t -> leaving.add(new Stop(t, StopReason.INSTANCE_DRAINING)));
    leaving.sort(
        Comparator.comparing((Stop st) -> healthy.test(st.task()))
            .thenComparing(st -> st.task().createdAt()));
    for (Stop st : leaving) {
      if (!healthy.test(st.task())) {
        stops.add(st);
      } else if (canStop > 0) {
        stops.add(st);
        canStop--;
      }
    }
    boolean stable =
        others.isEmpty()
            && draining.isEmpty()
            && stops.isEmpty()
            && launch == 0
            && primary.size() == desired
            && primary.stream().allMatch(healthy);
    return new Plan(launch, stops, stable);
  }

  static int maxPercent(Service s) {
    Integer v =
        s.deploymentConfiguration() == null ? null : s.deploymentConfiguration().maximumPercent();
    return v == null ? DEFAULT_MAX_PERCENT : v;
  }

  static int minHealthyPercent(Service s) {
    Integer v =
        s.deploymentConfiguration() == null
            ? null
            : s.deploymentConfiguration().minimumHealthyPercent();
    return v == null ? DEFAULT_MIN_HEALTHY_PERCENT : v;
  }

  /** Live tasks per deployment id, for the counts DescribeServices shows. */
  static Map<String, List<Task>> byDeployment(List<Task> tasks) {
    return tasks.stream()
        .collect(Collectors.groupingBy(t -> t.startedBy() == null ? "" : t.startedBy()));
  }

  static Deployment primary(Service s) {
    return s.deployments().isEmpty() ? null : s.deployments().get(0);
  }
}
