package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kecs.identity.Arn;
import io.kecs.runtime.TaskLaunch;
import java.net.HttpURLConnection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Task roles as ServiceAccounts: one per role in each cluster's namespace, named after the role
 * (plus its account when that is not the cluster's), annotated with the role ARN as {@code
 * kecs.io/role-arn} and as {@code eks.amazonaws.com/role-arn}, so on EKS the pod identity webhook
 * gives the task that role's credentials (IRSA). An account someone already made under that name is
 * used as it is.
 */
final class ServiceAccounts {
  static final String ROLE_ARN = "kecs.io/role-arn";
  static final String EKS_ROLE_ARN = "eks.amazonaws.com/role-arn";

  private final KubernetesClient client;
  private final Set<String> ensured = ConcurrentHashMap.newKeySet();

  ServiceAccounts(KubernetesClient client) {
    this.client = client;
  }

  /** The task's role ARN: the RunTask override's, else the definition's; null when none. */
  static Arn roleOf(TaskLaunch launch, Arn cluster) {
    String role =
        launch.task().overrides() != null && launch.task().overrides().taskRoleArn() != null
            ? launch.task().overrides().taskRoleArn()
            : launch.definition().taskRoleArn();
    if (role == null || role.isBlank()) {
      return null;
    }
    // ECS also takes a role's short name: it is a role of the cluster's account.
    return Arn.parse(role)
        .orElseGet(() -> Arn.iamRole(cluster.partition(), cluster.account(), role));
  }

  static String nameOf(Arn role, Arn cluster) {
    String name = role.lastSegment();
    return KubeNames.label(
        role.account().equals(cluster.account()) ? name : name + "-" + role.account());
  }

  /** Makes the role's ServiceAccount in {@code namespace} unless it exists; returns its name. */
  String ensure(String namespace, Arn role, Arn cluster) {
    String name = nameOf(role, cluster);
    String key = namespace + "/" + name;
    if (ensured.contains(key)) {
      return name;
    }
    if (client.serviceAccounts().inNamespace(namespace).withName(name).get() == null) {
      try {
        client.serviceAccounts().inNamespace(namespace).resource(desired(name, role)).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
      }
    }
    ensured.add(key);
    return name;
  }

  /** Forgets what was made: the namespaces holding it were deleted. */
  void forget(String namespace) {
    ensured.removeIf(k -> k.startsWith(namespace + "/"));
  }

  void forgetAll() {
    ensured.clear();
  }

  static ServiceAccount desired(String name, Arn role) {
    return new ServiceAccountBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels(PodLabels.MANAGED_BY, PodLabels.KECS)
        .addToAnnotations(ROLE_ARN, role.toString())
        .addToAnnotations(EKS_ROLE_ARN, role.toString())
        .endMetadata()
        // The pod decides (and KECS pods say no); IRSA's webhook mounts its own token.
        .withAutomountServiceAccountToken(false)
        .build();
  }
}
