package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kecs.runtime.RuntimeUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One shared informer on every pod KECS manages, in all namespaces (label {@code
 * app.kubernetes.io/managed-by=kecs}). Its cache is the runtime's view of the cluster; handlers run
 * on the informer's one thread, in order. A periodic resync re-delivers every pod so time-based
 * verdicts (a health check that never passed) are made without a pod change.
 */
final class PodWatch implements AutoCloseable {
  private static final String BY_TASK = "task";
  private final SharedIndexInformer<Pod> informer;

  private PodWatch(SharedIndexInformer<Pod> informer) {
    this.informer = informer;
  }

  static PodWatch start(
      KubernetesClient client,
      Duration resync,
      Duration timeout,
      Consumer<Pod> changed,
      Consumer<Pod> gone) {
    SharedIndexInformer<Pod> informer =
        client
            .pods()
            .inAnyNamespace()
            .withLabel(PodLabels.MANAGED_BY, PodLabels.KECS)
            .runnableInformer(resync.toMillis());
    informer.addIndexers(
        Map.of(
            BY_TASK,
            pod -> {
              String arn = PodIdentity.taskArn(pod);
              return arn == null ? List.of() : List.of(arn);
            }));
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            changed.accept(pod);
          }

          @Override
          public void onUpdate(Pod before, Pod after) {
            changed.accept(after);
          }

          @Override
          public void onDelete(Pod pod, boolean finalStateUnknown) {
            gone.accept(pod);
          }
        });
    try {
      informer.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      informer.close();
      throw new RuntimeUnavailableException(
          "Cannot list and watch pods in Kubernetes: "
              + (e.getCause() == null ? "timed out" : e.getCause().getMessage()),
          e);
    } catch (InterruptedException e) {
      informer.close();
      Thread.currentThread().interrupt();
      throw new RuntimeUnavailableException("Interrupted while starting the pod informer", e);
    }
    return new PodWatch(informer);
  }

  /** The cached pod, or null. */
  Pod get(String namespace, String name) {
    return informer.getStore().getByKey(namespace + "/" + name);
  }

  /** The cached pod that is the task ({@link PodIdentity}), or null. */
  Pod byTask(String taskArn) {
    List<Pod> pods = informer.getIndexer().byIndex(BY_TASK, taskArn);
    return pods.isEmpty() ? null : pods.get(0);
  }

  List<Pod> all() {
    return informer.getStore().list();
  }

  @Override
  public void close() {
    informer.close();
  }
}
