package io.kecs.runtime.kubernetes;

import java.util.Map;

/**
 * What a pod needs beyond its task and definition, prepared in the cluster before the pod is made.
 *
 * @param nodeHostname the {@code kubernetes.io/hostname} of the node the task was placed on (its
 *     container instance is that node), or null
 * @param serviceAccount the task role's ServiceAccount, or null
 * @param secretName the Secret holding the task's secret values, or null
 * @param secretKeys per ECS container name, each secret variable's key in that Secret
 */
record PodInputs(
    String nodeHostname,
    String serviceAccount,
    String secretName,
    Map<String, Map<String, String>> secretKeys) {
  static final PodInputs NONE = new PodInputs(null, null, null, Map.of());
}
