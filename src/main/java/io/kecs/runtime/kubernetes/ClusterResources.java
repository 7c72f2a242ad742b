package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kecs.identity.Arn;
import io.kecs.runtime.HostRegistry;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Kubernetes runtime keeps for clusters and hosts rather than single tasks: a namespace
 * per ECS cluster (made on CreateCluster and at start-up, deleted with DeleteCluster), the node
 * informer and cordons, and the clean-up of a store reset. Namespace calls run on one thread of
 * their own so that a cluster deleted and made again gets its namespace in that order.
 */
final class ClusterResources implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterResources.class);

  private final KubernetesClient client;
  private final Namespaces namespaces;
  private final ServiceAccounts accounts;
  private final PodPreparation preparation;
  private final Executor calls;
  private final ExecutorService clusterCalls =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("kecs-k8s-ns").factory());
  private volatile NodeWatch nodes;

  ClusterResources(
      KubernetesClient client,
      Namespaces namespaces,
      ServiceAccounts accounts,
      PodPreparation preparation,
      Executor calls) {
    this.client = client;
    this.namespaces = namespaces;
    this.accounts = accounts;
    this.preparation = preparation;
    this.calls = calls;
  }

  void watchHosts(HostRegistry registry, Duration resync, Duration timeout) {
    nodes = NodeWatch.start(client, registry, resync, timeout);
    preparation.connectHosts(registry, nodes);
  }

  void drainHost(String hostId, boolean draining) {
    calls.execute(
        () -> quietly("cordon node " + hostId, () -> NodeCordon.set(client, hostId, draining)));
  }

  void clusterCreated(String clusterArn) {
    Arn cluster = Arn.parse(clusterArn).orElseThrow();
    clusterCalls.execute(
        () -> quietly("create the namespace of " + clusterArn, () -> namespaces.ensure(cluster)));
  }

  void clusterDeleted(String clusterArn) {
    Arn cluster = Arn.parse(clusterArn).orElseThrow();
    clusterCalls.execute(
        () ->
            quietly(
                "delete the namespace of " + clusterArn,
                () -> {
                  namespaces.delete(cluster);
                  accounts.forget(namespaces.nameOf(cluster));
                }));
  }

  /**
   * Deletes every pod, Secret, ServiceAccount and namespace labelled {@code
   * app.kubernetes.io/managed-by=kecs}, uncordons the nodes KECS cordoned, and has every node
   * reported again (the store forgot their container instances).
   */
  void reset() {
    quietly(
        "remove what KECS made in Kubernetes",
        () -> {
          KecsObjects.deleteAll(client);
          namespaces.deleteAll();
          accounts.forgetAll();
          NodeCordon.releaseAll(client);
        });
    if (nodes != null) {
      nodes.reportAllAgain();
    }
  }

  static void quietly(String what, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("Cannot {}: {}", what, describe(e));
    }
  }

  /** An exception's message and its root cause's (fabric8 wraps I/O errors in a vague one). */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
  }

  @Override
  public void close() {
    clusterCalls.shutdownNow();
    if (nodes != null) {
      nodes.close();
    }
  }
}
