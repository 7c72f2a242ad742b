package io.kecs.server;

import java.net.URI;
import java.nio.file.Path;

/**
 * Which runtime runs tasks and, for Kubernetes, how to reach the cluster.
 *
 * @param kubeconfig a kubeconfig file, or null for KUBECONFIG, ~/.kube/config or in-cluster
 * @param context a kubeconfig context, or null for the current one
 * @param nodeCluster the ECS cluster the runtime's hosts (Kubernetes nodes) register in
 * @param secretsEndpoint where SSM parameters and Secrets Manager secrets are read, or null when
 *     none is configured (tasks with secrets then fail to start)
 */
public record RuntimeChoice(
    Kind kind, Path kubeconfig, String context, String nodeCluster, URI secretsEndpoint) {
  public enum Kind {
    SIMULATED,
    KUBERNETES
  }

  public static final String DEFAULT_NODE_CLUSTER = "default";

  public static final RuntimeChoice SIMULATED =
      new RuntimeChoice(Kind.SIMULATED, null, null, DEFAULT_NODE_CLUSTER, null);

  public static RuntimeChoice kubernetes(Path kubeconfig, String context) {
    return new RuntimeChoice(Kind.KUBERNETES, kubeconfig, context, DEFAULT_NODE_CLUSTER, null);
  }

  public RuntimeChoice withNodeCluster(String cluster) {
    return new RuntimeChoice(kind, kubeconfig, context, cluster, secretsEndpoint);
  }

  public RuntimeChoice withSecretsEndpoint(URI endpoint) {
    return new RuntimeChoice(kind, kubeconfig, context, nodeCluster, endpoint);
  }
}
