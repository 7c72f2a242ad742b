package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.DockerVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.Scope;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * Shared-scope Docker volumes with {@code autoprovision}: Docker creates such a volume the first
 * time a task names it and keeps it after the task; KECS creates the PersistentVolumeClaim the pod
 * mounts ({@link VolumeTranslator} names it after the volume) the same way, once per namespace, and
 * never deletes it (it goes with the cluster's namespace). Docker volumes have no size: the claim
 * asks for {@link #DEFAULT_SIZE}, or for the {@code size} driver option when one is given (a
 * Kubernetes quantity such as {@code 5Gi}). The volume's labels are the claim's labels.
 */
final class SharedVolumes {
  static final String DEFAULT_SIZE = "1Gi";

  private SharedVolumes() {}

  /** The claims the task definition's autoprovisioned shared volumes need. */
  static List<PersistentVolumeClaim> claims(TaskDefinition def, String namespace) {
    List<PersistentVolumeClaim> out = new ArrayList<>();
    for (Volume v : def.volumes()) {
      DockerVolumeConfiguration d = v.dockerVolumeConfiguration();
      if (d == null || d.scope() != Scope.SHARED || !Boolean.TRUE.equals(d.autoprovision())) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      d.labels()
          .forEach((k, value) -> labels.put(KubeNames.labelValue(k), KubeNames.labelValue(value)));
      labels.put(PodLabels.MANAGED_BY, PodLabels.KECS);
      String size = d.driverOpts().getOrDefault("size", DEFAULT_SIZE);
      out.add(
          new PersistentVolumeClaimBuilder()
              .withNewMetadata()
              .withName(KubeNames.label(v.name()))
              .withNamespace(namespace)
              .withLabels(labels)
              .endMetadata()
              .withNewSpec()
              .withAccessModes("ReadWriteOnce")
              .withNewResources()
              .addToRequests("storage", new Quantity(size))
              .endResources()
              .endSpec()
              .build());
    }
    return out;
  }

  /**
   * Creates the claims that do not exist yet; an existing claim is used as it is, as Docker does.
   */
  static void ensure(KubernetesClient client, TaskDefinition def, String namespace) {
    for (PersistentVolumeClaim claim : claims(def, namespace)) {
      try {
        client.persistentVolumeClaims().inNamespace(namespace).resource(claim).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
      }
    }
  }
}
