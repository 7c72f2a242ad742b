package io.kecs.ecs.daemon;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.common.KeyedWorkQueue;
import io.kecs.ecs.service.DaemonRollout;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.HealthyTasks;
import io.kecs.ecs.task.InstanceCatalog;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskLifecycle;
import io.kecs.ecs.task.TaskListener;
import io.kecs.identity.Arn;
import io.kecs.store.ResetGate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateDaemonRequest;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The daemon scheduler: keeps one task of each daemon's target revision on every ACTIVE container
 * instance of its capacity providers ({@link DaemonRollout}), replaces a batch of instances at a
 * time ({@code drainPercent}) with a bake time between batches, counts failed tasks against the
 * deployment's circuit breaker and rolls back, and drains a deleted daemon. Work is keyed by daemon
 * ARN on one queue; task changes, instance changes and API calls enqueue a daemon, and a periodic
 * resync catches anything missed.
 *
 * <p>When the runtime runs daemons as workloads of its own ({@link DaemonWorkloads}: Kubernetes
 * DaemonSets), the workload places and replaces the tasks; deployments, their counts, bake time and
 * circuit breaker still follow from the task records its units become.
 */
final class DaemonScheduler implements TaskListener, AutoCloseable {
  private static final Duration RESYNC = Duration.ofSeconds(5);

  private final DaemonStore store;
  private final DaemonTaskIndex index;
  private final TaskLifecycle lifecycle;
  private final DaemonLaunches launches;
  private final TaskDefinitionSource definitions;
  private final HealthyTasks healthRule;
  private final ClusterService clusters;
  private final TagService tags;
  private final Scheduler clock;
  private final DeploymentBake bake = new DeploymentBake();
  private final DaemonCircuitBreaker breaker;
  private final KeyedWorkQueue queue;
  private volatile InstanceCatalog instances = InstanceCatalog.NONE;
  private volatile DaemonWorkloads workloads;

  DaemonScheduler(
      DaemonStore store,
      DaemonTaskIndex index,
      TaskLifecycle lifecycle,
      DaemonLaunches launches,
      TaskDefinitionSource definitions,
      ClusterService clusters,
      TagService tags,
      Scheduler clock,
      ResetGate gate) {
    this.store = store;
    this.index = index;
    this.lifecycle = lifecycle;
    this.launches = launches;
    this.definitions = definitions;
    this.healthRule = new HealthyTasks(definitions);
    this.clusters = clusters;
    this.tags = tags;
    this.clock = clock;
    this.breaker = new DaemonCircuitBreaker(store, clock);
    this.queue = new KeyedWorkQueue("kecs-daemon-scheduler", gate, this::reconcile);
  }

  void connect(InstanceCatalog instances) {
    this.instances = instances;
  }

  /**
   * Runs daemons through the runtime's workloads from now on, instead of launching their tasks one
   * by one; called at start-up when the runtime has them.
   */
  void useWorkloads(DaemonWorkloads workloads) {
    this.workloads = workloads;
  }

  void start() {
    enqueueAll();
    clock.every(RESYNC, this::enqueueAll);
  }

  private void enqueueAll() {
    store.everyDaemon().forEach(d -> queue.add(d.daemonArn()));
  }

  void enqueue(String daemonArn) {
    queue.add(daemonArn);
  }

  /** A daemon starts a new deployment (or its deletion): earlier bake state no longer applies. */
  void deploymentStarted(String daemonArn) {
    bake.forget(daemonArn);
    queue.add(daemonArn);
  }

  void instancesChanged(Arn cluster) {
    store.inCluster(cluster).keySet().forEach(queue::add);
  }

  boolean idle() {
    return queue.idle();
  }

  void clear() {
    bake.clear();
    DaemonWorkloads w = workloads;
    if (w != null) {
      w.clear();
    }
  }

  /** The ACTIVE instances of a cluster that belong to one of the providers, by ARN. */
  Map<String, InstanceCatalog.Candidate> eligible(Arn cluster, List<String> providerArns) {
    Set<String> names =
        providerArns.stream()
            .map(a -> Arn.parse(a).map(Arn::lastSegment).orElse(a))
            .collect(Collectors.toSet());
    Map<String, InstanceCatalog.Candidate> out = new LinkedHashMap<>();
    for (InstanceCatalog.Candidate c : instances.candidates(cluster)) {
      if (c.capacityProviderName() != null && names.contains(c.capacityProviderName())) {
        out.put(c.containerInstanceArn(), c);
      }
    }
    return out;
  }

  @Override
  public void taskChanged(Task before, Task after) {
    String daemon = DaemonTaskIndex.daemonOf(after);
    if (daemon == null) {
      return;
    }
    boolean justStopped =
        "STOPPED".equals(after.lastStatus())
            && (before == null || !"STOPPED".equals(before.lastStatus()));
    if (justStopped) {
      breaker.taskStopped(daemon, after);
    }
    if (before == null
        || !before.lastStatus().equals(after.lastStatus())
        || !before.healthStatusAsString().equals(after.healthStatusAsString())) {
      queue.add(daemon);
    }
  }

  void reconcile(String daemonArn) {
    Optional<DaemonDetail> detail = store.detail(daemonArn);
    Optional<CreateDaemonRequest> spec = store.spec(daemonArn);
    if (detail.isEmpty() || spec.isEmpty()) {
      return;
    }
    Arn daemon = Arn.parse(daemonArn).orElseThrow();
    Optional<DaemonDeployment> latest = store.deployment(detail.get().deploymentArn());
    if (latest.isEmpty()) {
      return;
    }
    Instant now = clock.now();
    List<Task> tasks = index.tasksOf(daemonArn);
    DaemonWorkloads workloads = this.workloads;
    if ("DELETE_IN_PROGRESS".equals(detail.get().statusAsString())) {
      if (workloads != null) {
        removeWorkload(workloads, daemon, latest.get(), spec.get(), tasks, now);
      } else {
        drain(daemon, latest.get(), spec.get(), tasks, now);
      }
      return;
    }
    DaemonDeployment d = latest.get();
    String target = DaemonDeployments.targetOf(d);
    Optional<DaemonRevision> revision = target == null ? Optional.empty() : store.revision(target);
    Optional<TaskDefinition> def =
        revision.flatMap(r -> definitions.byArn(r.daemonTaskDefinitionArn()));
    Arn clusterArn = DaemonArns.cluster(daemon);
    Optional<Cluster> cluster = clusters.find(clusterArn).filter(c -> "ACTIVE".equals(c.status()));
    Map<String, InstanceCatalog.Candidate> eligible =
        eligible(clusterArn, spec.get().capacityProviderArns());
    String targetId = target == null ? "" : target.substring(target.lastIndexOf('/') + 1);
    if (workloads != null) {
      if (revision.isPresent() && def.isPresent() && cluster.isPresent()) {
        workloads.apply(daemon, spec.get(), d, revision.get(), def.get(), cluster.get());
      }
      followWorkload(workloads, daemon, d, spec.get(), eligible.keySet(), targetId, tasks, now);
      return;
    }
    boolean launchesAllowed =
        DaemonDeployments.launchesAllowed(d) && def.isPresent() && cluster.isPresent();
    // A step that has come back healthy starts its bake before anything else is replaced.
    DaemonRollout.Plan settled =
        DaemonRollout.plan(goal(eligible, targetId, 0, launchesAllowed), tasks);
    settle(daemonArn, d, settled.unavailable() == 0 && settled.launchOn().isEmpty(), now);
    boolean baking = bake.baking(daemonArn, now);
    DaemonRollout.Plan plan =
        DaemonRollout.plan(
            goal(
                eligible,
                targetId,
                baking
                    ? 0
                    : DaemonRollout.maxUnavailableReplacing(eligible.size(), drainPercent(d)),
                launchesAllowed),
            tasks);
    stop(plan, daemon, d);
    if (!plan.launchOn().isEmpty()) {
      launches.launch(cluster.get(), daemon, revision.get(), def.get(), plan.launchOn(), eligible);
    }
    if (plan.stops().stream().anyMatch(s -> s.reason() == DaemonRollout.StopReason.REPLACED)) {
      bake.stepStarted(daemonArn);
    }
    progress(daemon, d, spec.get(), plan.complete() && !baking, now);
  }

  /**
   * A round of a daemon its runtime's workload runs: the workload places, replaces (a {@code
   * drainPercent} batch at a time, each waiting the bake time) and restarts tasks; the scheduler
   * stops tasks that fail their health checks, which the workload would keep, and finishes the
   * deployment once the target revision has rolled out and baked.
   */
  private void followWorkload(
      DaemonWorkloads workloads,
      Arn daemon,
      DaemonDeployment d,
      CreateDaemonRequest spec,
      Set<String> eligible,
      String targetId,
      List<Task> tasks,
      Instant now) {
    String daemonArn = daemon.toString();
    stop(
        DaemonWorkloadPlan.unhealthy(tasks, this::isHealthy).stream()
            .map(t -> new DaemonRollout.Stop(t, DaemonRollout.StopReason.UNHEALTHY))
            .toList(),
        daemon,
        d);
    boolean done =
        workloads.runs(daemonArn, targetId)
            && DaemonWorkloadPlan.rolledOut(eligible, tasks, targetId, this::isHealthy);
    settle(daemonArn, d, done, now);
    if (!done && DaemonWorkloadPlan.replacing(tasks, targetId)) {
      bake.stepStarted(daemonArn);
    }
    progress(daemon, d, spec, done && !bake.baking(daemonArn, now), now);
  }

  /**
   * A deleted daemon whose runtime runs it as a workload: the workload goes, and every task of the
   * daemon stops at once (a workload cannot be drained a batch of hosts at a time); once none is
   * left the deletion is done and the daemon leaves.
   */
  private void removeWorkload(
      DaemonWorkloads workloads,
      Arn daemon,
      DaemonDeployment d,
      CreateDaemonRequest spec,
      List<Task> tasks,
      Instant now) {
    workloads.remove(daemon);
    stop(
        tasks.stream()
            .filter(t -> "RUNNING".equals(t.desiredStatus()))
            .map(t -> new DaemonRollout.Stop(t, DaemonRollout.StopReason.REMOVED))
            .toList(),
        daemon,
        d);
    progress(daemon, d, spec, tasks.isEmpty(), now);
    if (tasks.isEmpty()) {
      store.remove(daemon.toString());
      tags.forget(daemon);
      bake.forget(daemon.toString());
      workloads.forget(daemon.toString());
    }
  }

  private DaemonRollout.Goal goal(
      Map<String, InstanceCatalog.Candidate> eligible,
      String targetId,
      int maxUnavailable,
      boolean launchesAllowed) {
    return new DaemonRollout.Goal(
        true,
        eligible.keySet(),
        t -> targetId.equals(t.startedBy()),
        this::isHealthy,
        maxUnavailable,
        launchesAllowed);
  }

  /** Moves the latest deployment along: started on the first round, finished when complete. */
  private void progress(
      Arn daemon, DaemonDeployment d, CreateDaemonRequest spec, boolean complete, Instant now) {
    store.updateDeployment(
        d.daemonDeploymentArn(),
        current -> {
          DaemonDeployment next = DaemonDeployments.started(current, now);
          if (!complete || !DaemonDeployments.isLive(next)) {
            return next;
          }
          List<Task> tasks = index.tasksOf(daemon.toString());
          List<String> providers = spec.capacityProviderArns();
          String target = DaemonDeployments.targetOf(next);
          return DaemonDeployments.finished(
              next,
              next.targetDaemonRevision() == null
                  ? null
                  : DaemonCounts.deploymentDetail(
                      daemon, next.targetDaemonRevision().arn(), providers, tasks),
              next.sourceDaemonRevisions().stream()
                  .filter(s -> !s.arn().equals(target))
                  .map(s -> DaemonCounts.deploymentDetail(daemon, s.arn(), providers, tasks))
                  .toList(),
              now);
        });
  }

  /**
   * A deleted daemon: its tasks stop a batch of instances at a time ({@code drainPercent} of those
   * that ran it when the deletion started), with the bake time between batches; once none is left
   * the deletion is done and the daemon leaves.
   */
  private void drain(
      Arn daemon, DaemonDeployment d, CreateDaemonRequest spec, List<Task> tasks, Instant now) {
    String daemonArn = daemon.toString();
    int instances =
        d.sourceDaemonRevisions().stream()
            .mapToInt(
                s -> s.totalRunningInstanceCount() == null ? 0 : s.totalRunningInstanceCount())
            .sum();
    // A batch that has stopped starts its bake before the next one stops.
    settle(daemonArn, d, tasks.stream().allMatch(t -> "RUNNING".equals(t.desiredStatus())), now);
    DaemonRollout.Plan plan =
        DaemonRollout.plan(
            new DaemonRollout.Goal(
                false,
                Set.of(),
                t -> false,
                t -> false,
                bake.baking(daemonArn, now)
                    ? 0
                    : DaemonRollout.maxUnavailableReplacing(instances, drainPercent(d)),
                false),
            tasks);
    stop(plan, daemon, d);
    if (!plan.stops().isEmpty()) {
      bake.stepStarted(daemonArn);
    }
    progress(daemon, d, spec, tasks.isEmpty(), now);
    if (tasks.isEmpty()) {
      store.remove(daemonArn);
      tags.forget(daemon);
      bake.forget(daemonArn);
    }
  }

  /** Starts the bake once a step is done, and looks at the daemon again when it ends. */
  private void settle(String daemonArn, DaemonDeployment d, boolean stepDone, Instant now) {
    Integer minutes = d.deploymentConfiguration().bakeTimeInMinutes();
    bake.settle(daemonArn, stepDone, Duration.ofMinutes(minutes == null ? 0 : minutes), now)
        .ifPresent(
            until -> clock.schedule(Duration.between(now, until), () -> queue.add(daemonArn)));
  }

  private static double drainPercent(DaemonDeployment d) {
    Double p = d.deploymentConfiguration().drainPercent();
    return p == null ? DaemonRules.DEFAULT_DRAIN_PERCENT : p;
  }

  private void stop(DaemonRollout.Plan plan, Arn daemon, DaemonDeployment d) {
    stop(plan.stops(), daemon, d);
  }

  private void stop(List<DaemonRollout.Stop> stops, Arn daemon, DaemonDeployment d) {
    for (DaemonRollout.Stop stop : stops) {
      lifecycle.requestStop(
          stop.task().taskArn(), "ServiceSchedulerInitiated", stopReason(stop, daemon, d));
    }
  }

  private static String stopReason(DaemonRollout.Stop stop, Arn daemon, DaemonDeployment d) {
    String name = DaemonArns.daemonName(daemon);
    return switch (stop.reason()) {
      case UNHEALTHY -> "Task failed container health checks";
      case REMOVED -> "Daemon " + name + " was deleted.";
      case INELIGIBLE ->
          "Daemon " + name + ": the container instance is not ACTIVE in its capacity providers.";
      case DUPLICATE -> "Daemon " + name + ": another daemon task runs on the container instance.";
      case REPLACED ->
          "Daemon deployment initiated by (daemon deployment "
              + DaemonDeployments.idOf(d.daemonDeploymentArn())
              + ")";
    };
  }

  private boolean isHealthy(Task t) {
    return healthRule.isHealthy(t);
  }

  @Override
  public void close() {
    queue.close();
  }
}
