package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kecs.identity.Arn;
import java.net.HttpURLConnection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Namespace per ECS cluster: {@code <cluster>-<region>} (plus the account when it is not the
 * server's default one, so two accounts' clusters of one name stay apart), made a DNS-1123 label by
 * {@link KubeNames#label}. The full cluster name and ARN are kept in annotations.
 */
final class Namespaces {
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
   * Creates the cluster's namespace unless this process already saw it exist. Called before a
   * cluster's first pod, and the place to call on CreateCluster once clusters tell the runtime.
   */
  String ensure(Arn cluster) {
    String name = nameOf(cluster);
    if (ensured.contains(name)) {
      return name;
    }
    if (client.namespaces().withName(name).get() == null) {
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
