package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kecs.identity.Arn;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One Namespace per ECS cluster: {@code <cluster>-<region>} (plus the account when it is not the
 * server's default one, so two accounts' clusters of one name stay apart), made a DNS-1123 label by
 * {@link KubeNames#label}. The full cluster name and ARN are kept in annotations.
 */
final class Namespaces {
  /** How long a terminating namespace is waited for before its cluster's next pod fails. */
  private static final Duration TERMINATION_WAIT = Duration.ofMinutes(2);

  private final KubernetesClient client;
  private final String defaultAccount;
  private final Set<String> ensured = ConcurrentHashMap.newKeySet();

  Namespaces(KubernetesClient client, String defaultAccount) {
    this.client = client;
    this.defaultAccount = defaultAccount;
  }

  /** The namespace name for a cluster, the same on every start. */
  static String nameOf(Arn cluster, String defaultAccount) {
    String raw = cluster.lastSegment() + "-" + cluster.region();
    if (!cluster.account().equals(defaultAccount)) {
      raw = raw + "-" + cluster.account();
    }
    return KubeNames.label(raw);
  }

  String nameOf(Arn cluster) {
    return nameOf(cluster, defaultAccount);
  }

  /**
   * Creates the cluster's namespace unless this process already saw it exist. Called on
   * CreateCluster, at start-up for every cluster, and before each pod (so a namespace deleted by
   * hand comes back). A namespace still terminating (the cluster was just deleted or the store
   * reset) is waited for, then made anew.
   */
  String ensure(Arn cluster) {
    String name = nameOf(cluster);
    if (ensured.contains(name)) {
      return name;
    }
    Namespace existing = client.namespaces().withName(name).get();
    if (existing != null && isTerminating(existing)) {
      client
          .namespaces()
          .withName(name)
          .waitUntilCondition(n -> n == null, TERMINATION_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      existing = null;
    }
    if (existing == null) {
      try {
        client.namespaces().resource(desired(cluster, name)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
      }
    }
    ensured.add(name);
    return name;
  }

  /**
   * Deletes the cluster's namespace, and with it everything left in it (service accounts, secrets),
   * if KECS made it: a namespace someone else made for the cluster is theirs to keep.
   */
  void delete(Arn cluster) {
    String name = nameOf(cluster);
    ensured.remove(name);
    Namespace ns = client.namespaces().withName(name).get();
    if (ns != null && isOurs(ns)) {
      client.namespaces().withName(name).delete();
    }
  }

  /** Deletes every namespace KECS made (a store reset). */
  void deleteAll() {
    ensured.clear();
    for (Namespace ns :
        client.namespaces().withLabel(PodLabels.MANAGED_BY, PodLabels.KECS).list().getItems()) {
      client.namespaces().withName(ns.getMetadata().getName()).delete();
    }
  }

  private static boolean isOurs(Namespace ns) {
    var labels = ns.getMetadata().getLabels();
    return labels != null && PodLabels.KECS.equals(labels.get(PodLabels.MANAGED_BY));
  }

  private static boolean isTerminating(Namespace ns) {
    return ns.getMetadata().getDeletionTimestamp() != null
        || (ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase()));
  }

  static Namespace desired(Arn cluster, String name) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels(PodLabels.MANAGED_BY, PodLabels.KECS)
        .addToLabels(PodLabels.CLUSTER, KubeNames.labelValue(cluster.lastSegment()))
        .addToAnnotations(PodLabels.CLUSTER_NAME, cluster.lastSegment())
        .addToAnnotations(PodLabels.CLUSTER_ARN, cluster.toString())
        .endMetadata()
        .build();
  }
}
