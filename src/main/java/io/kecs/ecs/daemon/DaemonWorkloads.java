package io.kecs.ecs.daemon;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsException;
import io.kecs.runtime.ServiceWorkloads;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.WorkloadSink;
import io.kecs.runtime.WorkloadSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateDaemonRequest;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The daemon side of a runtime that runs daemons as workloads of its own (Kubernetes: one DaemonSet
 * per daemon): turns a daemon's target revision into the {@link WorkloadSpec} the runtime applies
 * and records each unit the workload starts as a daemon task of the revision whose template made
 * it, with the id the runtime gives (stable, so a restart finds the same task again).
 */
final class DaemonWorkloads implements WorkloadSink {
  private static final Logger LOG = LoggerFactory.getLogger(DaemonWorkloads.class);

  private final ServiceWorkloads runtime;
  private final DaemonStore store;
  private final DaemonLaunches launches;
  private final TaskDefinitionSource definitions;
  private final ClusterService clusters;
  private final Consumer<String> enqueue;
  private final Map<String, WorkloadStatus> statuses = new ConcurrentHashMap<>();
  private final Set<String> removed = ConcurrentHashMap.newKeySet();
  private volatile BiFunction<String, String, Optional<String>> instanceOfHost =
      (host, cluster) -> Optional.empty();

  DaemonWorkloads(
      ServiceWorkloads runtime,
      DaemonStore store,
      DaemonLaunches launches,
      TaskDefinitionSource definitions,
      ClusterService clusters,
      Consumer<String> enqueue) {
    this.runtime = runtime;
    this.store = store;
    this.launches = launches;
    this.definitions = definitions;
    this.clusters = clusters;
    this.enqueue = enqueue;
    runtime.connect(this); // through SharedWorkloads, which passes the reset gate
  }

  /** Where the container instance of a runtime host is looked up (tasks on Kubernetes nodes). */
  void connectHosts(BiFunction<String, String, Optional<String>> instanceOfHost) {
    this.instanceOfHost = instanceOfHost;
  }

  /**
   * Makes the daemon's workload run {@code revision} on the hosts of its capacity providers,
   * replacing {@code drainPercent} of them at a time, each batch baking before the next.
   */
  void apply(
      Arn daemon,
      CreateDaemonRequest spec,
      DaemonDeployment d,
      DaemonRevision revision,
      TaskDefinition def,
      Cluster cluster) {
    removed.remove(daemon.toString());
    Task template;
    try {
      template = launches.template(cluster, daemon, revision, def);
    } catch (AwsException e) {
      unplaceable(daemon.toString(), e.getMessage());
      return;
    }
    Double drain = d.deploymentConfiguration().drainPercent();
    runtime.apply(
        new WorkloadSpec(
            daemon.toString(),
            DaemonArns.daemonName(daemon),
            cluster.clusterArn(),
            true,
            Arn.parse(revision.daemonRevisionArn()).orElseThrow().lastSegment(),
            template,
            def,
            0,
            100,
            DaemonWorkloadPlan.minimumHealthyPercent(
                drain == null ? DaemonRules.DEFAULT_DRAIN_PERCENT : drain),
            !DaemonDeployments.launchesAllowed(d),
            providerNames(spec.capacityProviderArns()),
            DaemonWorkloadPlan.minReadySeconds(d.deploymentConfiguration().bakeTimeInMinutes()),
            List.of(), // a daemon is placed by its capacity providers alone
            List.of()));
  }

  /** Whether the workload has taken up the revision: its status names the revision's template. */
  boolean runs(String daemonArn, String revisionId) {
    WorkloadStatus status = statuses.get(daemonArn);
    return status != null && status.desiredByDeployment().containsKey(revisionId);
  }

  /** The daemon is being deleted: its workload goes (once), and its units with it. */
  void remove(Arn daemon) {
    if (removed.add(daemon.toString())) {
      runtime.remove(daemon.toString(), DaemonArns.cluster(daemon).toString());
      statuses.remove(daemon.toString());
    }
  }

  /** The daemon has left. */
  void forget(String daemonArn) {
    removed.remove(daemonArn);
    statuses.remove(daemonArn);
  }

  void clear() {
    removed.clear();
    statuses.clear();
  }

  @Override
  public Optional<TaskLaunch> podAppeared(WorkloadPod pod) {
    Optional<DaemonDetail> detail = store.detail(pod.serviceArn());
    // A daemon being deleted has no workload any more: what it still started goes with it.
    if (detail.isEmpty() || !"ACTIVE".equals(detail.get().statusAsString())) {
      return Optional.empty();
    }
    Arn daemon = Arn.parse(pod.serviceArn()).orElseThrow();
    Optional<DaemonRevision> revision =
        store.revision(DaemonArns.revisionOf(daemon, pod.deploymentId()));
    Optional<TaskDefinition> def =
        revision.flatMap(r -> definitions.byArn(r.daemonTaskDefinitionArn()));
    Optional<Cluster> cluster =
        clusters.find(DaemonArns.cluster(daemon)).filter(c -> "ACTIVE".equals(c.status()));
    if (def.isEmpty() || cluster.isEmpty()) {
      LOG.warn("Cannot record the task of {}: its daemon revision is unknown", pod.taskArn());
      return Optional.empty();
    }
    try {
      Task task =
          launches.discovered(
              cluster.get(),
              daemon,
              revision.get(),
              def.get(),
              Arn.parse(pod.taskArn()).orElseThrow().lastSegment(),
              instanceOf(daemon, pod.hostId()),
              pod.createdAt());
      return Optional.of(new TaskLaunch(task, def.get()));
    } catch (AwsException e) {
      LOG.warn("Cannot record the task of {}: {}", pod.taskArn(), e.getMessage());
      return Optional.empty();
    }
  }

  /** The container instance of the host, when it belongs to the daemon's cluster. */
  private String instanceOf(Arn daemon, String hostId) {
    if (hostId == null) {
      return null;
    }
    String cluster = Arn.ecs(daemon.scope(), "cluster", DaemonArns.clusterName(daemon)).toString();
    return instanceOfHost.apply(hostId, cluster).orElse(null);
  }

  @Override
  public void statusChanged(WorkloadStatus status) {
    if (!status.equals(statuses.put(status.serviceArn(), status))) {
      enqueue.accept(status.serviceArn());
    }
  }

  /**
   * The workload could not be applied (a secret that cannot be read, a name taken): daemons have no
   * events, so the reason shows as the status reason of the deployment under way. The next round
   * (resync) tries again.
   */
  @Override
  public void unplaceable(String daemonArn, String reason) {
    LOG.warn("The workload of daemon {} cannot run: {}", daemonArn, reason);
    store
        .detail(daemonArn)
        .ifPresent(
            detail ->
                store.updateDeployment(
                    detail.deploymentArn(),
                    d ->
                        DaemonDeployments.isLive(d)
                            ? d.toBuilder().statusReason(reason).build()
                            : d));
  }

  private static List<String> providerNames(List<String> providerArns) {
    return providerArns.stream().map(a -> Arn.parse(a).map(Arn::lastSegment).orElse(a)).toList();
  }
}
