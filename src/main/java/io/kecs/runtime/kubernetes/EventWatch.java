package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An informer on Kubernetes Warning events that say a workload could not make or place a pod:
 * {@code FailedScheduling} on a pod (no node has room or matches) and {@code FailedCreate} on a
 * ReplicaSet or DaemonSet (quota, admission). Their owners' services get an ECS "unable to place a
 * task" event. Events carry no labels to select KECS's by: the handler looks the object up in the
 * other informers' caches and ignores what KECS did not make. The informer takes every event (the
 * mock API server the tests run on ignores field selectors, so filtering is done here): a few
 * megabytes on a busy cluster, whose events expire after an hour. Events are informative only, so a
 * cluster that will not list them (RBAC) leaves the runtime working.
 */
final class EventWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventWatch.class);
  static final Set<String> REASONS = Set.of("FailedScheduling", "FailedCreate");

  private final SharedIndexInformer<Event> informer;

  EventWatch(KubernetesClient client, Consumer<Event> warning) {
    this.informer = client.v1().events().inAnyNamespace().runnableInformer(0);
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Event e) {
            seen(e);
          }

          @Override
          public void onUpdate(Event before, Event after) {
            if (!java.util.Objects.equals(before.getCount(), after.getCount())
                || !java.util.Objects.equals(before.getMessage(), after.getMessage())) {
              seen(after);
            }
          }

          @Override
          public void onDelete(Event e, boolean finalStateUnknown) {}

          private void seen(Event e) {
            if ("Warning".equals(e.getType())
                && REASONS.contains(e.getReason())
                && e.getInvolvedObject() != null) {
              warning.accept(e);
            }
          }
        });
    informer
        .start()
        .whenComplete(
            (ok, failed) -> {
              if (failed != null) {
                LOG.warn(
                    "Not watching Kubernetes events (services will not report why pods cannot be"
                        + " placed): {}",
                    failed.getMessage());
              }
            });
  }

  @Override
  public void close() {
    informer.close();
  }
}
