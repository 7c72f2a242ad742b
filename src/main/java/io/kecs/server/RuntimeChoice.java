package io.kecs.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which runtime runs tasks and, for Kubernetes, how to reach the cluster.
 *
 * @param kubeconfig a kubeconfig file, or null for KUBECONFIG, ~/.kube/config or in-cluster
 * @param context a kubeconfig context, or null for the current one
 * @param nodeCluster the ECS cluster the runtime's hosts (Kubernetes nodes) register in
 * @param secretsEndpoint where SSM parameters and Secrets Manager secrets are read, or null when
 *     none is configured (tasks with secrets then fail to start)
 * @param ebsStorageClasses EBS volume type (or {@code *}) to the StorageClass of its claims; empty:
 *     the cluster's default
 */
public record RuntimeChoice(
    Kind kind,
    Path kubeconfig,
    String context,
    String nodeCluster,
    URI secretsEndpoint,
    Map<String, String> ebsStorageClasses) {
  public RuntimeChoice {
    ebsStorageClasses = Map.copyOf(ebsStorageClasses);
  }

  public enum Kind {
    SIMULATED,
    KUBERNETES
  }

  public static final String DEFAULT_NODE_CLUSTER = "default";

  public static final RuntimeChoice SIMULATED =
      new RuntimeChoice(Kind.SIMULATED, null, null, DEFAULT_NODE_CLUSTER, null, Map.of());

  public static RuntimeChoice kubernetes(Path kubeconfig, String context) {
    return new RuntimeChoice(
        Kind.KUBERNETES, kubeconfig, context, DEFAULT_NODE_CLUSTER, null, Map.of());
  }

  public RuntimeChoice withNodeCluster(String cluster) {
    return new RuntimeChoice(
        kind, kubeconfig, context, cluster, secretsEndpoint, ebsStorageClasses);
  }

  public RuntimeChoice withSecretsEndpoint(URI endpoint) {
    return new RuntimeChoice(kind, kubeconfig, context, nodeCluster, endpoint, ebsStorageClasses);
  }

  public RuntimeChoice withEbsStorageClasses(Map<String, String> classes) {
    return new RuntimeChoice(kind, kubeconfig, context, nodeCluster, secretsEndpoint, classes);
  }
}
