package io.kecs.runtime.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a pod needs beyond its task and definition, prepared in the cluster before the pod is made
 * ({@link PodPreparation}), and the one way such things reach {@link PodTranslator}.
 *
 * @param nodeHostname the {@code kubernetes.io/hostname} of the node the task was placed on (its
 *     container instance is that node), or null
 * @param serviceAccount the task role's ServiceAccount, or null
 * @param secretName the Secret holding the task's secret values and environment file variables, or
 *     null
 * @param secretKeys per ECS container name, each secret variable's key in that Secret
 * @param envFileKeys per ECS container name, each environment file variable's key in that Secret
 *     (only variables that neither {@code environment} nor {@code secrets} set)
 * @param pullSecrets the {@code kubernetes.io/dockerconfigjson} Secrets made from {@code
 *     repositoryCredentials}, for {@code imagePullSecrets}
 * @param awsEndpoint the {@code AWS_ENDPOINT_URL} containers get unless they set one, or null
 */
record PodInputs(
    String nodeHostname,
    String serviceAccount,
    String secretName,
    Map<String, Map<String, String>> secretKeys,
    Map<String, Map<String, String>> envFileKeys,
    List<String> pullSecrets,
    String awsEndpoint) {
  static final PodInputs NONE = new PodInputs(null, null, null, Map.of());

  PodInputs(
      String nodeHostname,
      String serviceAccount,
      String secretName,
      Map<String, Map<String, String>> secretKeys,
      Map<String, Map<String, String>> envFileKeys,
      List<String> pullSecrets) {
    this(nodeHostname, serviceAccount, secretName, secretKeys, envFileKeys, pullSecrets, null);
  }

  /** The same inputs with containers pointed at KECS through {@code AWS_ENDPOINT_URL}. */
  PodInputs withAwsEndpoint(String url) {
    return new PodInputs(
        nodeHostname, serviceAccount, secretName, secretKeys, envFileKeys, pullSecrets, url);
  }

  PodInputs(
      String nodeHostname,
      String serviceAccount,
      String secretName,
      Map<String, Map<String, String>> secretKeys) {
    this(nodeHostname, serviceAccount, secretName, secretKeys, Map.of(), List.of());
  }

  /** Every Secret made for the pod: the pod becomes their owner once it exists. */
  List<String> secretsMade() {
    List<String> names = new ArrayList<>();
    if (secretName != null) {
      names.add(secretName);
    }
    names.addAll(pullSecrets);
    return names;
  }
}
