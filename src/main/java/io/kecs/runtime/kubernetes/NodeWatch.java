package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kecs.runtime.HostObservation;
import io.kecs.runtime.HostRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One informer on every node, reporting each to the {@link HostRegistry} as a host. Only changes
 * that matter to ECS are reported (a node's status heartbeats are not). Reports go through one
 * thread of their own, in order: the registry writes to the store, and a store reset asks for every
 * node again without waiting for those writes.
 */
final class NodeWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NodeWatch.class);

  private final SharedIndexInformer<Node> informer;
  private final HostRegistry registry;
  private final ExecutorService reports =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("kecs-nodes").factory());

  /** What was last reported per node; only touched on the reports thread. */
  private final Map<String, HostObservation> reported = new HashMap<>();

  private NodeWatch(KubernetesClient client, HostRegistry registry, Duration resync) {
    this.registry = registry;
    this.informer = client.nodes().runnableInformer(resync.toMillis());
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(Node node) {
            reports.execute(() -> report(node));
          }

          @Override
          public void onUpdate(Node before, Node after) {
            reports.execute(() -> report(after));
          }

          @Override
          public void onDelete(Node node, boolean finalStateUnknown) {
            reports.execute(() -> gone(node.getMetadata().getName()));
          }
        });
  }

  /**
   * Starts watching nodes. Without permission to list them KECS still runs tasks, so a failure is
   * logged and no hosts are reported (null is returned).
   */
  static NodeWatch start(
      KubernetesClient client, HostRegistry registry, Duration resync, Duration timeout) {
    NodeWatch watch = new NodeWatch(client, registry, resync);
    try {
      watch.informer.start().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return watch;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warn(
          "Cannot list and watch nodes; they are not registered as container instances: {}",
          e.getCause() == null ? e.toString() : e.getCause().getMessage());
      watch.close();
      return null;
    }
  }

  /** The node's hostname label (what {@code kubernetes.io/hostname} selectors match). */
  String hostname(String nodeName) {
    Node node = informer.getStore().getByKey(nodeName);
    return node == null ? nodeName : NodeMapper.hostname(node);
  }

  /** After a store reset: every node is reported again, as if seen for the first time. */
  void reportAllAgain() {
    reports.execute(
        () -> {
          reported.clear();
          informer.getStore().list().forEach(this::report);
        });
  }

  private void report(Node node) {
    HostObservation now = NodeMapper.of(node);
    if (now.equals(reported.get(now.hostId()))) {
      return;
    }
    reported.put(now.hostId(), now);
    registry.observe(now);
  }

  private void gone(String name) {
    reported.remove(name);
    registry.observe(HostObservation.gone(name));
  }

  @Override
  public void close() {
    informer.close();
    reports.shutdownNow();
  }
}
