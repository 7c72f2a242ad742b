package io.kecs.ecs.service;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.cluster.ClusterUsage;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.CapacityRules;
import io.kecs.ecs.task.InstanceCatalog;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskLauncher;
import io.kecs.ecs.task.TaskLifecycle;
import io.kecs.ecs.task.TaskProtectionService;
import io.kecs.ecs.task.TaskStabilization;
import io.kecs.ecs.task.TaskStore;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.runtime.HostRegistry;
import io.kecs.runtime.ServiceWorkloads;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** The service aggregate put together: its store, task index, scheduler and API services. */
public final class Services implements AutoCloseable {
  private final ServiceStore store;
  private final ServiceScheduler scheduler;
  private final ServiceService api;
  private final ServiceDeploymentService deployments;
  private final TaskSetService taskSets;
  private final DaemonServicePlacement daemonPlacement;
  private final ServiceLaunches launches;
  private final Database db;
  private final RegistryMembership registries;
  private final LoadBalancerRules loadBalancing = new LoadBalancerRules();
  private final ServiceTargets targets;

  public Services(
      Database db,
      AwsJsonCodec codec,
      ClusterService clusters,
      TaskDefinitionSource definitions,
      CapacityRules capacity,
      TaskStore tasks,
      TaskLifecycle lifecycle,
      TaskLauncher launcher,
      TaskProtectionService protection,
      TagService tags,
      Scheduler clock,
      TaskStabilization stabilization) {
    this.store = new ServiceStore(new RecordTable<>(db, codec, "service", Service.class));
    ServiceTaskIndex index = new ServiceTaskIndex(tasks);
    db.onReset(index::clear);
    lifecycle.addListener(index);
    DeploymentHistory history =
        new DeploymentHistory(
            new RecordTable<>(db, codec, "service-deployment", ServiceDeployment.class),
            new RecordTable<>(db, codec, "service-revision", ServiceRevision.class));
    this.db = db;
    // Service registries (Cloud Map, Service Connect): registers running tasks, checks requests.
    this.registries = new RegistryMembership(store, tasks, definitions);
    db.onReset(registries::forgetAll);
    lifecycle.addListener(registries);
    this.launches = new ServiceLaunches(launcher, clusters, definitions, tags);
    TaskSetScheduler taskSetScheduler =
        new TaskSetScheduler(
            store,
            index,
            lifecycle,
            launches,
            tags,
            clock,
            t -> protection.isProtected(t.taskArn()));
    this.daemonPlacement = new DaemonServicePlacement(launches, definitions);
    this.scheduler =
        new ServiceScheduler(
            store,
            index,
            lifecycle,
            launches,
            definitions,
            history,
            clock,
            t -> protection.isProtected(t.taskArn()),
            taskSetScheduler,
            daemonPlacement,
            db.gate(),
            stabilization);
    lifecycle.addListener(scheduler);
    this.targets = new ServiceTargets(store, tasks, lifecycle, clock, loadBalancing, db.gate());
    lifecycle.addListener(targets);
    lifecycle.deactivateBeforeStop(targets::mustDeactivate);
    scheduler.connectTargets(targets::passes);
    this.api =
        new ServiceService(
            clusters,
            definitions,
            capacity,
            store,
            scheduler,
            history,
            tags,
            clock,
            new RecordTable<>(db, codec, "service-client-token", CreateServiceRequest.class),
            registries,
            loadBalancing);
    this.deployments = new ServiceDeploymentService(clusters, store, history, scheduler, clock);
    this.taskSets =
        new TaskSetService(
            clusters,
            store,
            scheduler,
            new TaskSetConfiguration(definitions, capacity, registries, loadBalancing),
            tags,
            clock,
            new RecordTable<>(db, codec, "task-set-client-token", TaskSet.class));
  }

  /**
   * Runs REPLICA and DAEMON services (ECS deployment controller) through the runtime's workloads;
   * {@code hosts}, when the runtime has hosts of its own, tells which container instance a task's
   * host is. Call before {@link #start}.
   */
  public void useWorkloads(ServiceWorkloads runtimeWorkloads, HostRegistry hosts) {
    WorkloadScheduling workloads =
        new WorkloadScheduling(runtimeWorkloads, store, launches, scheduler::enqueue);
    db.onReset(workloads::forget);
    if (hosts != null) {
      workloads.connectHosts(hosts::instanceOf);
    }
    scheduler.useWorkloads(workloads);
  }

  public void start() {
    registries.reconcile();
    scheduler.start();
    targets.start();
  }

  /**
   * Wires Elastic Load Balancing: {@code loadBalancers} are then checked against real target groups
   * and tasks registered in them. Without it (unit tests) they are stored as given. Call before
   * {@link #start}.
   */
  public void connectLoadBalancers(io.kecs.registry.LoadBalancerTargets loadBalancers) {
    loadBalancing.connect(loadBalancers);
  }

  /**
   * Wires the container instances DAEMON services place their tasks on and REPLICA services drain.
   */
  public void connectInstances(InstanceCatalog instances) {
    daemonPlacement.connect(instances);
    scheduler.connect(instances);
    registries.connectInstances(instances);
    targets.connect(instances);
  }

  /** Told when a cluster's container instances change, so DAEMON services follow at once. */
  public void instancesChanged(Arn cluster) {
    scheduler.instancesChanged(cluster);
  }

  /**
   * The service revision ARNs of a service's current deployments (PRIMARY first), for the
   * aggregates built on services (express gateway services).
   */
  public List<String> revisionArnsOf(String serviceArn) {
    Arn service = Arn.parse(serviceArn).orElseThrow();
    return store.get(serviceArn).map(Service::deployments).orElse(List.of()).stream()
        .map(d -> DeploymentIds.serviceRevisionArn(service, d.id()))
        .toList();
  }

  /** Registers service tasks in Cloud Map (serviceRegistries, Service Connect). */
  public RegistryMembership registries() {
    return registries;
  }

  public ServiceService api() {
    return api;
  }

  public ServiceDeploymentService deployments() {
    return deployments;
  }

  public TaskSetService taskSets() {
    return taskSets;
  }

  /** Whether the scheduler has nothing waiting (tests and benchmarks wait for quiet). */
  public boolean idle() {
    return scheduler.idle() && targets.idle();
  }

  /** ACTIVE and DRAINING services of a cluster, by launch type, for DescribeClusters. */
  public ClusterUsage.Counts countsOf(Arn cluster) {
    int activeEc2 = 0;
    int activeFargate = 0;
    int drainingEc2 = 0;
    int drainingFargate = 0;
    for (Service s : store.inCluster(cluster).values()) {
      boolean fargate =
          "FARGATE".equals(s.launchTypeAsString())
              || s.capacityProviderStrategy().stream()
                  .anyMatch(i -> i.capacityProvider().startsWith("FARGATE"));
      if ("ACTIVE".equals(s.status())) {
        if (fargate) {
          activeFargate++;
        } else {
          activeEc2++;
        }
      } else if ("DRAINING".equals(s.status())) {
        if (fargate) {
          drainingFargate++;
        } else {
          drainingEc2++;
        }
      }
    }
    return new ClusterUsage.Counts(
        0, 0, 0, 0, 0, 0, activeEc2, activeFargate, drainingEc2, drainingFargate);
  }

  /** Whether an ACTIVE service of the cluster uses a capacity provider in its strategy. */
  public boolean usesCapacityProvider(Arn cluster, String provider) {
    return store.inCluster(cluster).values().stream()
        .filter(s -> !"INACTIVE".equals(s.status()))
        .anyMatch(
            s ->
                s.capacityProviderStrategy().stream()
                    .anyMatch(i -> provider.equals(i.capacityProvider())));
  }

  @Override
  public void close() {
    scheduler.close();
    targets.close();
  }
}
