package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DockerVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.Volume;

class SharedVolumesTest {
  @Test
  void onlyAutoprovisionedSharedVolumesGetAClaim() {
    TaskDefinition def =
        TaskDefinition.builder()
            .volumes(
                volume("Cache_Data", "shared", true, Map.of("size", "5Gi"), Map.of("team", "web")),
                volume("scratch", "task", true, Map.of(), Map.of()),
                volume("external", "shared", false, Map.of(), Map.of()),
                Volume.builder().name("host").build())
            .build();
    List<PersistentVolumeClaim> claims = SharedVolumes.claims(def, "shop");
    assertThat(claims).hasSize(1);
    PersistentVolumeClaim claim = claims.get(0);
    // Named as VolumeTranslator names the pod's claim.
    assertThat(claim.getMetadata().getName()).isEqualTo(KubeNames.label("Cache_Data"));
    assertThat(claim.getMetadata().getNamespace()).isEqualTo("shop");
    assertThat(claim.getMetadata().getLabels())
        .containsEntry("team", "web")
        .containsEntry("app.kubernetes.io/managed-by", "kecs");
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("5Gi");
  }

  @Test
  void sizeDefaultsWhenDockerGivesNone() {
    TaskDefinition def =
        TaskDefinition.builder()
            .volumes(volume("data", "shared", true, Map.of(), Map.of()))
            .build();
    assertThat(
            SharedVolumes.claims(def, "ns")
                .get(0)
                .getSpec()
                .getResources()
                .getRequests()
                .get("storage")
                .toString())
        .isEqualTo(SharedVolumes.DEFAULT_SIZE);
  }

  private static Volume volume(
      String name,
      String scope,
      boolean autoprovision,
      Map<String, String> driverOpts,
      Map<String, String> labels) {
    return Volume.builder()
        .name(name)
        .dockerVolumeConfiguration(
            DockerVolumeConfiguration.builder()
                .scope(scope)
                .autoprovision(autoprovision)
                .driver("local")
                .driverOpts(driverOpts)
                .labels(labels)
                .build())
        .build();
  }
}
