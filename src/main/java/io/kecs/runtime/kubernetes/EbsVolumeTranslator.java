package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.EphemeralVolumeSource;
import io.fabric8.kubernetes.api.model.EphemeralVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kecs.runtime.ManagedEbsVolume;
import java.util.Map;

/**
 * An Amazon EBS volume configured at launch as a generic ephemeral volume: the pod's own claim
 * ({@code <pod name>-<volume name>}), made with the pod and deleted with it, as ECS makes a volume
 * per task. One node writes it ({@code ReadWriteOnce}), as one task owns an EBS volume; the size is
 * {@code sizeInGiB}; the StorageClass is the one {@link EbsStorageClasses} maps the EBS type to,
 * else the cluster's default. IOPS, throughput, encryption, KMS key and file system type are the
 * StorageClass's parameters in Kubernetes, not the claim's; an EBS snapshot id has no claim {@code
 * dataSource} (that takes VolumeSnapshots of the cluster), so such a volume starts empty.
 */
final class EbsVolumeTranslator {
  /**
   * The size when only a snapshot was given: ECS takes the snapshot's size, which KECS cannot know.
   * Fargate's default task storage, or the smallest volume of an HDD type.
   */
  static final int SNAPSHOT_ONLY_GIB = 20;

  private static final int HDD_MINIMUM_GIB = 125;

  private EbsVolumeTranslator() {}

  static EphemeralVolumeSource of(ManagedEbsVolume volume, EbsStorageClasses classes) {
    String type = volume.effectiveType();
    int gib =
        volume.sizeInGiB() != null
            ? volume.sizeInGiB()
            : "st1".equals(type) || "sc1".equals(type) ? HDD_MINIMUM_GIB : SNAPSHOT_ONLY_GIB;
    return new EphemeralVolumeSourceBuilder()
        .withNewVolumeClaimTemplate()
        .withNewMetadata()
        .withLabels(Map.of(PodLabels.MANAGED_BY, PodLabels.KECS))
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withVolumeMode("Filesystem")
        .withStorageClassName(classes.forType(type).orElse(null))
        .withNewResources()
        .withRequests(Map.of("storage", new Quantity(gib + "Gi")))
        .endResources()
        .endSpec()
        .endVolumeClaimTemplate()
        .build();
  }
}
