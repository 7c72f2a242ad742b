package io.kecs.ecs.service;

import io.kecs.identity.Arn;
import io.kecs.protocol.AwsException;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.WorkloadSink;
import io.kecs.runtime.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The service side of a runtime that runs services as workloads of its own: turns a service into
 * the {@link WorkloadSpec} its runtime applies, and records what the workload reports. Each unit a
 * workload starts becomes a task of the ECS deployment whose template made it, with the id the
 * runtime gives (stable, so a restart finds the same task again); the workload's per-deployment
 * replicas become the deployments' desired counts.
 */
final class WorkloadScheduling implements WorkloadSink {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadScheduling.class);

  private final io.kecs.runtime.ServiceWorkloads runtime;
  private final ServiceStore services;
  private final ServiceLaunches launches;
  private final Consumer<String> enqueue;
  private final Map<String, List<Task>> started = new ConcurrentHashMap<>();
  private final Map<String, WorkloadStatus> statuses = new ConcurrentHashMap<>();
  private final Map<String, String> unplaceable = new ConcurrentHashMap<>();
  private volatile BiFunction<String, String, Optional<String>> instanceOfHost =
      (host, cluster) -> Optional.empty();

  WorkloadScheduling(
      io.kecs.runtime.ServiceWorkloads runtime,
      ServiceStore services,
      ServiceLaunches launches,
      Consumer<String> enqueue) {
    this.runtime = runtime;
    this.services = services;
    this.launches = launches;
    this.enqueue = enqueue;
    runtime.connect(this); // through SharedWorkloads, which passes the reset gate
  }

  /** Where the container instance of a runtime host is looked up (tasks on Kubernetes nodes). */
  void connectHosts(BiFunction<String, String, Optional<String>> instanceOfHost) {
    this.instanceOfHost = instanceOfHost;
  }

  /**
   * Applies the service to its workload and answers this round: the stops the scheduler still makes
   * and what the workload did since the last round.
   */
  WorkloadRound round(
      Service s,
      List<Task> tasks,
      Predicate<Task> healthy,
      Predicate<Task> onDrainingInstance,
      boolean launchesAllowed) {
    Deployment primary = Rollout.primary(s);
    String failure = unplaceable.remove(s.serviceArn());
    if (primary != null) {
      try {
        runtime.apply(
            spec(s, primary, launchesAllowed)
                .withPlacement(s.placementConstraints(), s.placementStrategy()));
      } catch (AwsException e) {
        failure = e.getMessage();
      }
    }
    List<Task> fresh = started.remove(s.serviceArn());
    WorkloadStatus status = statuses.get(s.serviceArn());
    boolean daemon = DaemonServicePlacement.isDaemon(s);
    return new WorkloadRound(
        WorkloadRound.stops(s, tasks, healthy, onDrainingInstance),
        fresh == null ? List.of() : fresh,
        failure,
        daemon && status != null ? status.desired() : null,
        status == null ? null : status.desiredByDeployment());
  }

  /** The store was wiped: what was reported of its services means nothing now. */
  void forget() {
    started.clear();
    statuses.clear();
    unplaceable.clear();
  }

  /** The service is INACTIVE: its workload goes. */
  void removed(Service s) {
    runtime.remove(s.serviceArn(), s.clusterArn());
    statuses.remove(s.serviceArn());
    started.remove(s.serviceArn());
  }

  private WorkloadSpec spec(Service s, Deployment primary, boolean launchesAllowed) {
    boolean daemon = DaemonServicePlacement.isDaemon(s);
    Task template = launches.template(s, ServiceLaunches.Source.of(s, primary));
    TaskDefinition def = launches.definition(primary.taskDefinition());
    Integer max =
        s.deploymentConfiguration() == null ? null : s.deploymentConfiguration().maximumPercent();
    Integer min =
        s.deploymentConfiguration() == null
            ? null
            : s.deploymentConfiguration().minimumHealthyPercent();
    return new WorkloadSpec(
        s.serviceArn(),
        s.serviceName(),
        s.clusterArn(),
        daemon,
        primary.id(),
        template,
        def,
        "ACTIVE".equals(s.status()) && s.desiredCount() != null ? s.desiredCount() : 0,
        max != null ? max : daemon ? 100 : Rollout.DEFAULT_MAX_PERCENT,
        min != null ? min : daemon ? 0 : Rollout.DEFAULT_MIN_HEALTHY_PERCENT,
        !launchesAllowed);
  }

  @Override
  public Optional<TaskLaunch> podAppeared(WorkloadPod pod) {
    Service s = services.get(pod.serviceArn()).orElse(null);
    if (s == null || "INACTIVE".equals(s.status())) {
      return Optional.empty();
    }
    ServiceLaunches.Source source =
        s.deployments().stream()
            .filter(d -> d.id().equals(pod.deploymentId()))
            .findFirst()
            .map(d -> ServiceLaunches.Source.of(s, d))
            .orElseGet(
                () ->
                    new ServiceLaunches.Source(
                        pod.deploymentId(),
                        pod.taskDefinitionArn(),
                        s.launchTypeAsString(),
                        s.capacityProviderStrategy(),
                        s.networkConfiguration(),
                        s.platformVersion()));
    try {
      String taskId = Arn.parse(pod.taskArn()).orElseThrow().lastSegment();
      Task task =
          launches.discovered(s, source, taskId, instanceOf(s, pod.hostId()), pod.createdAt());
      // Atomic with the round's remove, so no task is added to a list already taken.
      started.compute(
          s.serviceArn(),
          (k, list) -> {
            List<Task> next = list == null ? new ArrayList<>() : list;
            next.add(task);
            return next;
          });
      return Optional.of(new TaskLaunch(task, launches.definition(source.taskDefinitionArn())));
    } catch (AwsException e) {
      LOG.warn("Cannot record the task of {}: {}", pod.taskArn(), e.getMessage());
      return Optional.empty();
    }
  }

  /** The container instance of the host, when it belongs to the service's cluster. */
  private String instanceOf(Service s, String hostId) {
    return hostId == null ? null : instanceOfHost.apply(hostId, s.clusterArn()).orElse(null);
  }

  @Override
  public void statusChanged(WorkloadStatus status) {
    if (!status.equals(statuses.put(status.serviceArn(), status))) {
      enqueue.accept(status.serviceArn());
    }
  }

  @Override
  public void unplaceable(String serviceArn, String reason) {
    // Reported by the next round (at the latest the periodic resync), not at once: a workload that
    // cannot be applied is retried by each round, and an immediate round would retry in a loop.
    unplaceable.put(serviceArn, reason);
  }
}
