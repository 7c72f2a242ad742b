package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;

/**
 * Everything namespaced that KECS made (label {@code app.kubernetes.io/managed-by=kecs}), in every
 * namespace: services' workloads (Deployments, DaemonSets, Services), pods, claims of shared
 * volumes and the task roles' ServiceAccounts. Namespaces KECS did not make may hold some of them,
 * so deleting the namespaces is not enough. The Secrets KECS makes are not listed: its RBAC
 * (deploy/kubernetes) grants no list of Secrets, by design, and each is owned by its pod or
 * workload, so the garbage collector deletes it with them (or its namespace goes).
 */
final class KecsObjects {
  private KecsObjects() {}

  /** Deletes them all, pods at once (no grace period: nothing of them is kept). */
  static void deleteAll(KubernetesClient client) {
    // Workloads first, or their controllers would make the pods again (their ReplicaSets go with
    // them through garbage collection: KECS may not write ReplicaSets).
    deleteEach(client.apps().deployments(), null);
    deleteEach(client.apps().daemonSets(), null);
    deleteEach(client.services(), null);
    deleteEach(client.pods(), 0);
    deleteEach(client.persistentVolumeClaims(), null);
    deleteEach(client.serviceAccounts(), null);
  }

  private static <T extends HasMetadata, L extends KubernetesResourceList<T>> void deleteEach(
      MixedOperation<T, L, ? extends Resource<T>> kind, Integer grace) {
    List<T> items =
        kind.inAnyNamespace().withLabel(PodLabels.MANAGED_BY, PodLabels.KECS).list().getItems();
    for (T item : items) {
      var one =
          kind.inNamespace(item.getMetadata().getNamespace())
              .withName(item.getMetadata().getName());
      if (grace == null) {
        one.delete();
      } else {
        one.withGracePeriod(grace).delete();
      }
    }
  }
}
