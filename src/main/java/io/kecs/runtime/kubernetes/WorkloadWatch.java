package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kecs.runtime.RuntimeUnavailableException;
import io.kecs.runtime.WorkloadSink.WorkloadStatus;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Shared informers on the Deployments, DaemonSets and ReplicaSets KECS manages. What the workload
 * controllers do becomes a {@link WorkloadStatus} per service: the Deployment's replicas and each
 * ReplicaSet's (one per ECS deployment, by the deployment id its template carries), or the hosts a
 * DaemonSet wants. A workload that changes or goes is reported too, so drift is repaired.
 */
final class WorkloadWatch implements AutoCloseable {
  private static final String BY_SERVICE = "service";

  private final SharedIndexInformer<Deployment> deployments;
  private final SharedIndexInformer<DaemonSet> daemonSets;
  private final SharedIndexInformer<ReplicaSet> replicaSets;

  /**
   * @param status told each service's workload status when it may have changed
   * @param changed told {@code (serviceArn, workload or null when deleted)} on every change of a
   *     Deployment or DaemonSet
   */
  WorkloadWatch(
      KubernetesClient client,
      Duration resync,
      Duration timeout,
      Consumer<WorkloadStatus> status,
      BiConsumer<String, HasMetadata> changed) {
    long every = resync.toMillis();
    this.deployments =
        client
            .apps()
            .deployments()
            .inAnyNamespace()
            .withLabel(PodLabels.MANAGED_BY, PodLabels.KECS)
            .runnableInformer(every);
    this.daemonSets =
        client
            .apps()
            .daemonSets()
            .inAnyNamespace()
            .withLabel(PodLabels.MANAGED_BY, PodLabels.KECS)
            .runnableInformer(every);
    this.replicaSets =
        client
            .apps()
            .replicaSets()
            .inAnyNamespace()
            .withLabel(PodLabels.MANAGED_BY, PodLabels.KECS)
            .runnableInformer(every);
    replicaSets.addIndexers(
        Map.of(BY_SERVICE, rs -> List.of(serviceArn(rs.getSpec().getTemplate().getMetadata()))));
    Consumer<String> report = arn -> statusOf(arn).ifPresent(status);
    deployments.addEventHandler(handler(d -> serviceArn(d.getMetadata()), report, changed));
    daemonSets.addEventHandler(handler(d -> serviceArn(d.getMetadata()), report, changed));
    replicaSets.addEventHandler(
        handler(rs -> serviceArn(rs.getSpec().getTemplate().getMetadata()), report, null));
    for (SharedIndexInformer<?> informer : List.of(deployments, daemonSets, replicaSets)) {
      start(informer, timeout);
    }
  }

  Deployment deployment(String namespace, String name) {
    return deployments.getStore().getByKey(namespace + "/" + name);
  }

  ReplicaSet replicaSet(String namespace, String name) {
    return replicaSets.getStore().getByKey(namespace + "/" + name);
  }

  DaemonSet daemonSet(String namespace, String name) {
    return daemonSets.getStore().getByKey(namespace + "/" + name);
  }

  /** What the service's workload wants now, if it has one. */
  java.util.Optional<WorkloadStatus> statusOf(String serviceArn) {
    for (Deployment d : deployments.getStore().list()) {
      if (serviceArn.equals(serviceArn(d.getMetadata()))) {
        Map<String, Integer> byDeployment = new HashMap<>();
        for (ReplicaSet rs : replicaSets.getIndexer().byIndex(BY_SERVICE, serviceArn)) {
          String id = deploymentId(rs.getSpec().getTemplate().getMetadata());
          Integer replicas = rs.getSpec().getReplicas();
          if (id != null && replicas != null && replicas > 0) {
            byDeployment.merge(id, replicas, Integer::sum);
          }
        }
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        return java.util.Optional.of(new WorkloadStatus(serviceArn, desired, byDeployment));
      }
    }
    for (DaemonSet ds : daemonSets.getStore().list()) {
      if (serviceArn.equals(serviceArn(ds.getMetadata())) && ds.getStatus() != null) {
        Integer wanted = ds.getStatus().getDesiredNumberScheduled();
        int desired = wanted == null ? 0 : wanted;
        String id = deploymentId(ds.getSpec().getTemplate().getMetadata());
        return java.util.Optional.of(
            new WorkloadStatus(serviceArn, desired, id == null ? Map.of() : Map.of(id, desired)));
      }
    }
    return java.util.Optional.empty();
  }

  /** The service or ECS daemon the object is the workload of. */
  static String serviceArn(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
    return PodLabels.ownerArn(meta);
  }

  static String deploymentId(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
    return meta == null || meta.getAnnotations() == null
        ? null
        : meta.getAnnotations().get(PodLabels.DEPLOYMENT_ID);
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> handler(
      java.util.function.Function<T, String> serviceOf,
      Consumer<String> report,
      BiConsumer<String, HasMetadata> changed) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        seen(obj, obj);
      }

      @Override
      public void onUpdate(T before, T after) {
        seen(after, after);
      }

      @Override
      public void onDelete(T obj, boolean finalStateUnknown) {
        seen(obj, null);
      }

      private void seen(T obj, T now) {
        String arn = serviceOf.apply(obj);
        if (arn == null) {
          return;
        }
        report.accept(arn);
        if (changed != null) {
          changed.accept(arn, now);
        }
      }
    };
  }

  private static void start(SharedIndexInformer<?> informer, Duration timeout) {
    try {
      informer.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      informer.close();
      throw new RuntimeUnavailableException(
          "Cannot list and watch workloads in Kubernetes: "
              + (e.getCause() == null ? "timed out" : e.getCause().getMessage()),
          e);
    } catch (InterruptedException e) {
      informer.close();
      Thread.currentThread().interrupt();
      throw new RuntimeUnavailableException("Interrupted while starting workload informers", e);
    }
  }

  @Override
  public void close() {
    deployments.close();
    daemonSets.close();
    replicaSets.close();
  }
}
