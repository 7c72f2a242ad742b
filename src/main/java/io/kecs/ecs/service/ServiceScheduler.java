package io.kecs.ecs.service;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.common.KeyedWorkQueue;
import io.kecs.ecs.task.HealthyTasks;
import io.kecs.ecs.task.InstanceCatalog;
import io.kecs.ecs.task.StopCodes;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskLifecycle;
import io.kecs.ecs.task.TaskListener;
import io.kecs.ecs.task.TaskStabilization;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsException;
import io.kecs.store.ResetGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Rollback;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The service scheduler. Keeps each REPLICA service at its desired count and rolls its deployments
 * ({@link Rollout}), keeps one task on each eligible instance for DAEMON services ({@link
 * DaemonServicePlacement}), replaces stopped and unhealthy tasks, trips the circuit breaker and
 * rolls back, and records what happened as deployments and events. Work is keyed by service ARN on
 * one queue, so a service is never reconciled twice at once; task changes and API calls enqueue it,
 * and a periodic resync catches anything missed.
 */
public final class ServiceScheduler implements TaskListener, AutoCloseable {
  static final String INSTANCE_DRAINING_REASON =
      "Task stopped because the container instance is draining";

  private static final Duration RESYNC = Duration.ofSeconds(5);

  private final ServiceStore services;
  private final ServiceTaskIndex index;
  private final TaskLifecycle lifecycle;
  private final ServiceLaunches launches;
  private final TaskDefinitionSource definitions;
  private final HealthyTasks healthRule;
  private final TaskStabilization stabilization;
  private final DeploymentHistory history;
  private final Scheduler clock;
  private final Predicate<Task> isProtected;
  private final DaemonServicePlacement daemons;
  private final LaunchThrottle throttle = new LaunchThrottle();
  private final KeyedWorkQueue queue;
  private final TaskSetScheduler taskSets;
  private volatile InstanceCatalog instances = InstanceCatalog.NONE;
  private volatile WorkloadScheduling workloads;
  private volatile Predicate<Task> targetsPass = t -> true;

  ServiceScheduler(
      ServiceStore services,
      ServiceTaskIndex index,
      TaskLifecycle lifecycle,
      ServiceLaunches launches,
      TaskDefinitionSource definitions,
      DeploymentHistory history,
      Scheduler clock,
      Predicate<Task> isProtected,
      TaskSetScheduler taskSets,
      DaemonServicePlacement daemons,
      ResetGate gate,
      TaskStabilization stabilization) {
    this.taskSets = taskSets;
    this.services = services;
    this.index = index;
    this.lifecycle = lifecycle;
    this.launches = launches;
    this.definitions = definitions;
    this.healthRule = new HealthyTasks(definitions);
    this.stabilization = stabilization;
    this.history = history;
    this.clock = clock;
    this.isProtected = isProtected;
    this.daemons = daemons;
    this.queue = new KeyedWorkQueue("kecs-service-scheduler", gate, this::reconcile);
  }

  /** Reconciles every service now and then every few seconds. */
  void start() {
    services.all().forEach(s -> queue.add(s.serviceArn()));
    clock.every(
        RESYNC,
        () ->
            services.all().stream()
                .filter(s -> !"INACTIVE".equals(s.status()))
                .forEach(s -> queue.add(s.serviceArn())));
  }

  void enqueue(String serviceArn) {
    queue.add(serviceArn);
  }

  /** A service as created: DAEMON services start with the count of their instances. */
  Service created(Service s) {
    return DaemonServicePlacement.isDaemon(s) ? daemons.withInitialDesiredCount(s) : s;
  }

  /**
   * Runs ECS-controlled services through the runtime's workloads from now on, instead of launching
   * their tasks one by one; called at start-up when the runtime has them.
   */
  void useWorkloads(WorkloadScheduling workloads) {
    this.workloads = workloads;
  }

  /** Wires the rule by which a task's load balancer targets let it count as healthy. */
  void connectTargets(Predicate<Task> targetsPass) {
    this.targetsPass = targetsPass;
  }

  /** Wires the container instances whose DRAINING status makes services move their tasks. */
  void connect(InstanceCatalog instances) {
    this.instances = instances;
  }

  /**
   * Container instances of a cluster changed: DAEMON services place or stop tasks, and every
   * service replaces its tasks on instances that became DRAINING.
   */
  void instancesChanged(Arn cluster) {
    services.inCluster(cluster).values().stream()
        .filter(s -> !"INACTIVE".equals(s.status()))
        .forEach(s -> queue.add(s.serviceArn()));
  }

  boolean idle() {
    return queue.idle();
  }

  @Override
  public void taskChanged(Task before, Task after) {
    String service = ServiceTaskIndex.serviceOf(after);
    if (service == null) {
      return;
    }
    boolean justStopped =
        "STOPPED".equals(after.lastStatus())
            && (before == null || !"STOPPED".equals(before.lastStatus()));
    if (justStopped && CircuitBreaker.isFailure(after, stabilization)) {
      countFailure(service, after);
    }
    if (justStopped && CircuitBreaker.failedToStart(after)) {
      throttle(service, after);
    }
    boolean justRunning =
        "RUNNING".equals(after.lastStatus())
            && (before == null || !"RUNNING".equals(before.lastStatus()));
    if (justRunning) {
      throttle.started(service);
      // Look again once the task has been RUNNING for the stabilisation window.
      clock.schedule(stabilization.window(), () -> queue.add(service));
    }
    if (before == null
        || !before.lastStatus().equals(after.lastStatus())
        || !before.healthStatusAsString().equals(after.healthStatusAsString())) {
      queue.add(service);
    }
  }

  private void countFailure(String serviceArn, Task failed) {
    services.update(
        serviceArn,
        s -> {
          Deployment primary = Rollout.primary(s);
          if (primary == null
              || !primary.id().equals(failed.startedBy())
              || !"IN_PROGRESS".equals(primary.rolloutStateAsString())) {
            return s;
          }
          int failures = primary.failedTasks() + 1;
          return ServiceStatus.withPrimary(s, primary.toBuilder().failedTasks(failures).build());
        });
  }

  /** ECS's throttle ({@link LaunchThrottle}), and its event, for a task that failed to start. */
  private void throttle(String serviceArn, Task failed) {
    Instant now = clock.now();
    throttle
        .failedStart(serviceArn, failed.startedBy(), now)
        .ifPresent(
            delay -> {
              clock.schedule(delay, () -> queue.add(serviceArn));
              services.update(
                  serviceArn,
                  s -> ServiceEvents.add(s, ServiceEvents.unableToStart(s.serviceName()), now));
            });
  }

  void reconcile(String serviceArn) {
    Optional<Service> current = services.get(serviceArn);
    if (current.isEmpty() || "INACTIVE".equals(current.get().status())) {
      return;
    }
    Service s = current.get();
    if (!"ECS".equals(controllerOf(s))) {
      // EXTERNAL and CODE_DEPLOY services run task sets.
      taskSets.reconcile(s, this::isHealthy, onDrainingInstance(s, index.tasksOf(serviceArn)));
      return;
    }
    Instant now = clock.now();
    List<Task> tasks = index.tasksOf(serviceArn);
    Predicate<Task> healthy = this::isHealthy;
    Deployment primary = Rollout.primary(s);
    boolean launchesAllowed =
        primary != null
            && !"FAILED".equals(primary.rolloutStateAsString())
            && throttle.allows(serviceArn, primary.id(), now);
    WorkloadScheduling workloads = this.workloads;
    WorkloadRound workload =
        workloads == null
            ? null
            : workloads.round(s, tasks, healthy, onDrainingInstance(s, tasks), launchesAllowed);
    DaemonServicePlacement.Round daemonRound =
        workload == null && DaemonServicePlacement.isDaemon(s)
            ? daemons.plan(s, tasks, healthy, launchesAllowed)
            : null;
    Rollout.Plan plan =
        workload != null
            ? workload.plan()
            : daemonRound != null
                ? daemonRound.plan()
                : Rollout.plan(
                    s, tasks, healthy, isProtected, launchesAllowed, onDrainingInstance(s, tasks));

    for (Rollout.Stop stop : plan.stops()) {
      lifecycle.requestStop(
          stop.task().taskArn(), "ServiceSchedulerInitiated", stopReason(stop, s));
    }
    String launchFailure = workload == null ? null : workload.unplaceable();
    List<Task> started = workload == null ? List.of() : workload.started();
    if (plan.launch() > 0) {
      try {
        started =
            daemonRound != null
                ? daemons.launch(s, primary, daemonRound.launchOn())
                : launches.launch(s, ServiceLaunches.Source.of(s, primary), plan.launch(), tasks);
      } catch (AwsException e) {
        launchFailure = e.getMessage();
      }
    }
    String failureMessage = launchFailure;
    List<Task> startedTasks = started;
    Map<String, Integer> desiredByDeployment =
        workload == null ? null : workload.desiredByDeployment();
    Service saved =
        services
            .update(
                serviceArn,
                latest ->
                    describe(
                        workload != null
                            ? workload.withDesiredCount(latest)
                            : daemonRound == null ? latest : daemonRound.withDesiredCount(latest),
                        plan,
                        startedTasks,
                        failureMessage,
                        desiredByDeployment,
                        now))
            .orElse(null);
    if (saved == null) {
      return;
    }
    if ("DRAINING".equals(saved.status()) && index.tasksOf(serviceArn).isEmpty()) {
      services.update(serviceArn, latest -> latest.toBuilder().status("INACTIVE").build());
      if (workloads != null) {
        workloads.removed(saved);
      }
      return;
    }
    checkCircuitBreaker(saved, now);
  }

  /** The service record after this round: events, counts, completion. */
  private Service describe(
      Service s,
      Rollout.Plan plan,
      List<Task> started,
      String launchFailure,
      Map<String, Integer> desiredByDeployment,
      Instant now) {
    String name = s.serviceName();
    Service next = s;
    List<String> stoppedIds =
        plan.stops().stream()
            .filter(st -> st.reason() != Rollout.StopReason.UNHEALTHY)
            .map(st -> taskId(st.task()))
            .toList();
    List<String> unhealthyIds =
        plan.stops().stream()
            .filter(st -> st.reason() == Rollout.StopReason.UNHEALTHY)
            .map(st -> taskId(st.task()))
            .toList();
    if (!unhealthyIds.isEmpty()) {
      next = ServiceEvents.add(next, ServiceEvents.unhealthy(name, unhealthyIds), now);
    }
    if (!stoppedIds.isEmpty()) {
      next = ServiceEvents.add(next, ServiceEvents.stopped(name, stoppedIds), now);
    }
    if (!started.isEmpty()) {
      next =
          ServiceEvents.add(
              next,
              ServiceEvents.started(name, started.stream().map(ServiceScheduler::taskId).toList()),
              now);
    }
    if (launchFailure != null) {
      next = ServiceEvents.add(next, ServiceEvents.unableToPlace(name, launchFailure), now);
    }
    List<Task> tasks = index.tasksOf(s.serviceArn());
    next = ServiceStatus.withCounts(next, tasks, desiredByDeployment, now);
    Deployment primary = Rollout.primary(next);
    if (primary != null
        && "ACTIVE".equals(next.status())
        && ServiceStatus.primaryComplete(next, tasks, this::isStable)) {
      if ("IN_PROGRESS".equals(primary.rolloutStateAsString())) {
        next =
            ServiceStatus.withPrimary(
                next,
                primary.toBuilder()
                    .rolloutState("COMPLETED")
                    .rolloutStateReason("ECS deployment " + primary.id() + " completed.")
                    .updatedAt(now)
                    .build());
        next = ServiceEvents.add(next, ServiceEvents.deploymentCompleted(name, primary.id()), now);
        history.completed(next, primary, now);
      }
      next = ServiceEvents.add(next, ServiceEvents.steadyState(name), now);
    }
    return next;
  }

  private void checkCircuitBreaker(Service s, Instant now) {
    Deployment primary = Rollout.primary(s);
    if (primary == null
        || !CircuitBreaker.enabled(s)
        || !"IN_PROGRESS".equals(primary.rolloutStateAsString())
        || primary.failedTasks() < CircuitBreaker.threshold(s.desiredCount())) {
      return;
    }
    String reason = "ECS deployment circuit breaker: tasks failed to start.";
    Arn service = Arn.parse(s.serviceArn()).orElseThrow();
    Optional<software.amazon.awssdk.services.ecs.model.ServiceRevision> previous =
        CircuitBreaker.rollback(s) ? history.lastSuccessful(service) : Optional.empty();
    services.update(
        s.serviceArn(),
        latest -> {
          Deployment p = Rollout.primary(latest);
          Service failed =
              ServiceStatus.withPrimary(
                  latest,
                  p.toBuilder()
                      .rolloutState("FAILED")
                      .rolloutStateReason(reason)
                      .updatedAt(now)
                      .build());
          failed =
              ServiceEvents.add(
                  failed,
                  ServiceEvents.deploymentFailed(
                      latest.serviceName(), p.id(), "tasks failed to start."),
                  now);
          return failed;
        });
    history.update(
        DeploymentIds.serviceDeploymentArn(service, primary.id()),
        sd ->
            sd.toBuilder()
                .status(previous.isPresent() ? "ROLLBACK_IN_PROGRESS" : "STOPPED")
                .statusReason(reason)
                .stoppedAt(previous.isPresent() ? null : now)
                .updatedAt(now)
                .deploymentCircuitBreaker(
                    sd.deploymentCircuitBreaker().toBuilder()
                        .status("TRIGGERED")
                        .failureCount(primary.failedTasks())
                        .build())
                .build());
    previous.ifPresent(revision -> rollBack(s.serviceArn(), revision, primary.id(), now));
  }

  /** Starts a new PRIMARY deployment with the configuration of an earlier revision. */
  void rollBack(
      String serviceArn,
      software.amazon.awssdk.services.ecs.model.ServiceRevision revision,
      String failedDeploymentId,
      Instant now) {
    Optional<TaskDefinition> def = definitions.byArn(revision.taskDefinition());
    if (def.isEmpty()) {
      return;
    }
    services.update(
        serviceArn,
        latest -> {
          Service reverted =
              latest.toBuilder()
                  .taskDefinition(revision.taskDefinition())
                  .networkConfiguration(revision.networkConfiguration())
                  .build();
          Deployment next =
              DeploymentFactory.primary(
                  reverted, def.get(), now, Rollout.primary(latest), null, null);
          Service rolled = DeploymentFactory.roll(reverted, next);
          rolled =
              ServiceEvents.add(
                  rolled,
                  ServiceEvents.rollingBack(latest.serviceName(), failedDeploymentId, next.id()),
                  now);
          history.started(rolled, next, def.get(), now, failedDeploymentId);
          // The rollback deploys the earlier configuration as a new revision: that is the one
          // the failed deployment's rollback record points at.
          Arn arn = Arn.parse(serviceArn).orElseThrow();
          history.update(
              DeploymentIds.serviceDeploymentArn(arn, failedDeploymentId),
              sd ->
                  sd.toBuilder()
                      .rollback(
                          Rollback.builder()
                              .reason(sd.statusReason())
                              .startedAt(now)
                              .serviceRevisionArn(DeploymentIds.serviceRevisionArn(arn, next.id()))
                              .build())
                      .build());
          return rolled;
        });
    throttle.clear(serviceArn);
    queue.add(serviceArn);
  }

  /** Whether a task runs on a DRAINING container instance (read once per round). */
  private Predicate<Task> onDrainingInstance(Service s, List<Task> tasks) {
    if (tasks.stream().allMatch(t -> t.containerInstanceArn() == null)) {
      return t -> false;
    }
    Set<String> draining = instances.draining(Arn.parse(s.clusterArn()).orElseThrow());
    return t -> t.containerInstanceArn() != null && draining.contains(t.containerInstanceArn());
  }

  private boolean isHealthy(Task t) {
    return healthRule.isHealthy(t) && targetsPass.test(t);
  }

  /** Healthy and RUNNING through the stabilisation window: what completes a deployment. */
  private boolean isStable(Task t) {
    return isHealthy(t) && stabilization.stable(t);
  }

  private static String stopReason(Rollout.Stop stop, Service s) {
    Deployment primary = Rollout.primary(s);
    String deployment = primary == null ? "" : primary.id();
    return switch (stop.reason()) {
      case UNHEALTHY -> CircuitBreaker.UNHEALTHY_REASON;
      case DRAINING -> "Service " + s.serviceName() + " was deleted.";
      case INSTANCE_DRAINING -> INSTANCE_DRAINING_REASON;
      default -> StopCodes.scalingActivity(deployment);
    };
  }

  static String controllerOf(Service s) {
    return s.deploymentController() == null ? "ECS" : s.deploymentController().typeAsString();
  }

  private static String taskId(Task t) {
    return t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    queue.close();
  }
}
