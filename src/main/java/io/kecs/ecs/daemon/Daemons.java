package io.kecs.ecs.daemon;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.capacity.CapacityProviderService;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.InstanceCatalog;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskLauncher;
import io.kecs.ecs.task.TaskLifecycle;
import io.kecs.ecs.task.TaskStore;
import io.kecs.ecs.taskdef.DaemonTaskDefinitionService;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.runtime.HostRegistry;
import io.kecs.runtime.ServiceWorkloads;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import software.amazon.awssdk.services.ecs.model.CreateDaemonRequest;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;

/** The daemon aggregate put together: its store, task index, scheduler and API services. */
public final class Daemons implements AutoCloseable {
  private final DaemonScheduler scheduler;
  private final DaemonService api;
  private final DaemonDeploymentService deployments;
  private final DaemonStore store;
  private final DaemonLaunches launches;
  private final TaskDefinitionSource runnable;
  private final ClusterService clusters;

  /**
   * @param runnable the task definitions tasks run, daemon task definitions included ({@link
   *     DaemonTaskDefinitions#withDaemons})
   */
  public Daemons(
      Database db,
      AwsJsonCodec codec,
      ClusterService clusters,
      DaemonTaskDefinitionService daemonDefinitions,
      CapacityProviderService capacityProviders,
      TaskStore tasks,
      TaskLifecycle lifecycle,
      TaskLauncher launcher,
      TaskDefinitionSource runnable,
      TagService tags,
      Scheduler clock) {
    this.store =
        new DaemonStore(
            new RecordTable<>(db, codec, "daemon", DaemonDetail.class),
            new RecordTable<>(db, codec, "daemon-spec", CreateDaemonRequest.class),
            new RecordTable<>(db, codec, "daemon-deployment", DaemonDeployment.class),
            new RecordTable<>(db, codec, "daemon-revision", DaemonRevision.class));
    DaemonTaskIndex index = new DaemonTaskIndex(tasks);
    db.onReset(index::clear);
    lifecycle.addListener(index);
    this.launches = new DaemonLaunches(launcher, tags);
    this.runnable = runnable;
    this.clusters = clusters;
    this.scheduler =
        new DaemonScheduler(
            store, index, lifecycle, launches, runnable, clusters, tags, clock, db.gate());
    db.onReset(scheduler::clear);
    lifecycle.addListener(scheduler);
    this.api =
        new DaemonService(
            clusters,
            store,
            new DaemonConfiguration(daemonDefinitions, capacityProviders),
            scheduler,
            index,
            tags,
            clock);
    this.deployments = new DaemonDeploymentService(clusters, store, index);
  }

  /** Wires the container instances daemon tasks are placed on. */
  public void connectInstances(InstanceCatalog instances) {
    scheduler.connect(instances);
  }

  /**
   * Runs daemons through the runtime's workloads (Kubernetes: a DaemonSet per daemon); {@code
   * hosts}, when the runtime has hosts of its own, tells which container instance a task's host is.
   * Call before {@link #start}.
   */
  public void useWorkloads(ServiceWorkloads runtimeWorkloads, HostRegistry hosts) {
    DaemonWorkloads workloads =
        new DaemonWorkloads(
            runtimeWorkloads, store, launches, runnable, clusters, scheduler::enqueue);
    if (hosts != null) {
      workloads.connectHosts(hosts::instanceOf);
    }
    scheduler.useWorkloads(workloads);
  }

  public void start() {
    scheduler.start();
  }

  public DaemonService api() {
    return api;
  }

  public DaemonDeploymentService deployments() {
    return deployments;
  }

  /** Told when a cluster's container instances change, so daemons follow at once. */
  public void instancesChanged(Arn cluster) {
    scheduler.instancesChanged(cluster);
  }

  public boolean usesCapacityProvider(Arn cluster, String provider) {
    return api.usesCapacityProvider(cluster, provider);
  }

  public boolean idle() {
    return scheduler.idle();
  }

  @Override
  public void close() {
    scheduler.close();
  }
}
