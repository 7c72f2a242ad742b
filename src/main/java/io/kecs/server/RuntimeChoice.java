package io.kecs.server;

import java.nio.file.Path;

/**
 * Which runtime runs tasks and, for Kubernetes, how to reach the cluster.
 *
 * @param kubeconfig a kubeconfig file, or null for KUBECONFIG, ~/.kube/config or in-cluster
 * @param context a kubeconfig context, or null for the current one
 */
public record RuntimeChoice(Kind kind, Path kubeconfig, String context) {
  public enum Kind {
    SIMULATED,
    KUBERNETES
  }

  public static final RuntimeChoice SIMULATED = new RuntimeChoice(Kind.SIMULATED, null, null);

  public static RuntimeChoice kubernetes(Path kubeconfig, String context) {
    return new RuntimeChoice(Kind.KUBERNETES, kubeconfig, context);
  }
}
