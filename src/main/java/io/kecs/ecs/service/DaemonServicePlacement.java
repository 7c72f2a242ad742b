package io.kecs.ecs.service;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.task.InstanceCatalog;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskReservation;
import io.kecs.identity.Arn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The DAEMON scheduling strategy of services: one task of the primary deployment on each ACTIVE
 * container instance of the cluster that meets the service's placement constraints ({@link
 * DaemonRollout}), deployments rolled instance by instance within minimumHealthyPercent, and the
 * desired count reported as the number of such instances.
 */
final class DaemonServicePlacement {
  private final ServiceLaunches launches;
  private final TaskDefinitionSource definitions;
  private volatile InstanceCatalog instances = InstanceCatalog.NONE;

  DaemonServicePlacement(ServiceLaunches launches, TaskDefinitionSource definitions) {
    this.launches = launches;
    this.definitions = definitions;
  }

  void connect(InstanceCatalog instances) {
    this.instances = instances;
  }

  static boolean isDaemon(Service s) {
    return "DAEMON".equals(s.schedulingStrategyAsString());
  }

  /**
   * One round for a DAEMON service: the rollout plan in the shape the scheduler reports, the
   * instances to launch on, and the desired count (the eligible instances).
   */
  record Round(Rollout.Plan plan, List<String> launchOn, int desiredCount) {
    /** The service with the desired count this round found (a deleted service keeps 0). */
    Service withDesiredCount(Service latest) {
      if (!"ACTIVE".equals(latest.status())
          || Integer.valueOf(desiredCount).equals(latest.desiredCount())) {
        return latest;
      }
      return latest.toBuilder().desiredCount(desiredCount).build();
    }
  }

  /**
   * A new DAEMON service with its desired count: the instances it will run on, known before its
   * first round so that it is not taken for stable with nothing to run.
   */
  Service withInitialDesiredCount(Service s) {
    return s.toBuilder().desiredCount(eligible(s).size()).build();
  }

  Round plan(Service s, List<Task> tasks, Predicate<Task> healthy, boolean launchesAllowed) {
    boolean active = "ACTIVE".equals(s.status());
    Map<String, InstanceCatalog.Candidate> eligible = active ? eligible(s) : Map.of();
    Deployment primary = Rollout.primary(s);
    DaemonRollout.Goal goal =
        new DaemonRollout.Goal(
            active,
            Set.copyOf(eligible.keySet()),
            t -> primary != null && primary.id().equals(t.startedBy()),
            healthy,
            active
                ? DaemonRollout.maxUnavailableKeeping(eligible.size(), Rollout.minHealthyPercent(s))
                : Integer.MAX_VALUE,
            launchesAllowed);
    DaemonRollout.Plan p = DaemonRollout.plan(goal, tasks);
    List<Rollout.Stop> stops =
        p.stops().stream().map(st -> new Rollout.Stop(st.task(), reason(st.reason()))).toList();
    return new Round(
        new Rollout.Plan(p.launchOn().size(), stops, p.complete()), p.launchOn(), eligible.size());
  }

  /**
   * Starts one task on each instance that has room for it. Throws (with ECS's placement reason)
   * when none of them has.
   */
  List<Task> launch(Service s, Deployment primary, List<String> instanceArns) {
    TaskDefinition def =
        definitions
            .byArn(primary.taskDefinition())
            .orElseThrow(() -> new ClientException(EcsMessages.TASK_DEFINITION_NOT_FOUND));
    Map<String, InstanceCatalog.Candidate> known = eligible(s);
    List<String> fit = new ArrayList<>();
    String shortfall = null;
    for (String arn : instanceArns) {
      InstanceCatalog.Candidate c = known.get(arn);
      String why =
          c == null
              ? "The container instance is no longer ACTIVE."
              : TaskReservation.shortfall(def, c);
      if (why == null) {
        fit.add(arn);
      } else {
        shortfall = why;
      }
    }
    if (fit.isEmpty()) {
      throw new ClientException(
          "No Container Instances were found with room for the task (" + shortfall + ").");
    }
    return launches.launchOn(s, ServiceLaunches.Source.of(s, primary), fit);
  }

  /** The cluster's ACTIVE instances that satisfy the service's memberOf constraints, by ARN. */
  private Map<String, InstanceCatalog.Candidate> eligible(Service s) {
    Arn cluster = Arn.parse(s.clusterArn()).orElseThrow();
    List<String> memberOf =
        s.placementConstraints().stream()
            .filter(c -> "memberOf".equals(c.typeAsString()))
            .map(c -> c.expression())
            .toList();
    Map<String, InstanceCatalog.Candidate> out = new LinkedHashMap<>();
    for (InstanceCatalog.Candidate c : instances.candidates(cluster)) {
      if (memberOf.stream().allMatch(e -> instances.matches(c, e))) {
        out.put(c.containerInstanceArn(), c);
      }
    }
    return out;
  }

  private static Rollout.StopReason reason(DaemonRollout.StopReason r) {
    return switch (r) {
      case INELIGIBLE, DUPLICATE -> Rollout.StopReason.SCALE_IN;
      case UNHEALTHY -> Rollout.StopReason.UNHEALTHY;
      case REPLACED -> Rollout.StopReason.DEPLOYMENT;
      case REMOVED -> Rollout.StopReason.DRAINING;
    };
  }
}
