package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EphemeralVolumeSource;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.kecs.runtime.ManagedEbsVolume;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.WorkloadSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** EBS volumes configured at launch as generic ephemeral volumes, beyond the golden pod. */
class EbsVolumeTranslatorTest {
  private static final String ROLE = "arn:aws:iam::000000000000:role/ecsInfrastructureRole";

  @Test
  void aSnapshotOnlyVolumeGetsADefaultSizeAndTheClusterDefaultClass() {
    PersistentVolumeClaimSpec gp3 = claim(volume(null, null, "snap-0123456789abcdef0"), "");
    assertThat(gp3.getResources().getRequests().get("storage").toString()).isEqualTo("20Gi");
    assertThat(gp3.getStorageClassName()).isNull();
    assertThat(gp3.getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(gp3.getVolumeMode()).isEqualTo("Filesystem");
    assertThat(gp3.getDataSource()).isNull();
    PersistentVolumeClaimSpec st1 = claim(volume(null, "st1", "snap-0123456789abcdef0"), "");
    assertThat(st1.getResources().getRequests().get("storage").toString()).isEqualTo("125Gi");
  }

  @Test
  void theClassOfTheTypeWinsOverTheCatchAll() {
    assertThat(claim(volume(8, "gp2", null), "gp2=slow,*=any").getStorageClassName())
        .isEqualTo("slow");
    // No type given: ECS creates gp3.
    assertThat(claim(volume(8, null, null), "gp3=ebs-gp3").getStorageClassName())
        .isEqualTo("ebs-gp3");
    assertThat(claim(volume(8, "io1", null), "gp3=ebs-gp3,*=any").getStorageClassName())
        .isEqualTo("any");
    assertThat(claim(volume(8, "io1", null), "gp3=ebs-gp3").getStorageClassName()).isNull();
  }

  @Test
  void storageClassOptionIsChecked() {
    assertThat(EbsStorageClasses.parse(" gp3 = a.b-c , * = d ")).containsEntry("gp3", "a.b-c");
    assertThat(EbsStorageClasses.parse(null)).isEmpty();
    assertThatThrownBy(() -> EbsStorageClasses.parse("gp4=x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gp4=x");
    assertThatThrownBy(() -> EbsStorageClasses.parse("gp3=Fast_SSD"))
        .hasMessageContaining("not a StorageClass name");
    assertThatThrownBy(() -> EbsStorageClasses.parse("gp3")).hasMessageContaining("TYPE=");
  }

  /** A task launched without a volume configuration (a task set's) has no such volume. */
  @Test
  void withoutAConfigurationTheVolumeAndItsMountsAreLeftOut() throws Exception {
    TaskLaunch fixture = PodTranslatorTest.launch("ebs-volume");
    TaskLaunch bare =
        new TaskLaunch(
            fixture.task().toBuilder().attachments(List.of()).build(), fixture.definition());
    Pod pod = PodTranslator.translate(bare, "ns");
    assertThat(pod.getSpec().getVolumes()).extracting(v -> v.getName()).containsExactly("scratch");
    assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .containsExactly("/tmp/scratch");
  }

  /** A service's Deployment: each pod of the template gets its own claim. */
  @Test
  void aServiceTemplateCarriesTheEphemeralVolume() throws Exception {
    TaskLaunch fixture = PodTranslatorTest.launch("ebs-volume");
    WorkloadSpec spec =
        new WorkloadSpec(
            "arn:aws:ecs:us-east-1:000000000000:service/Prod_Cluster/db",
            "db",
            fixture.task().clusterArn(),
            false,
            "ecs-svc/1",
            fixture.task(),
            fixture.definition(),
            2,
            200,
            100,
            false);
    Deployment d =
        (Deployment)
            WorkloadTranslator.workload(
                spec,
                "ns",
                PodInputs.NONE,
                new EbsStorageClasses(EbsStorageClasses.parse("io2=fast")));
    var volume =
        d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getName().equals("pg-data"))
            .findFirst()
            .orElseThrow();
    PersistentVolumeClaimSpec claim = volume.getEphemeral().getVolumeClaimTemplate().getSpec();
    assertThat(claim.getStorageClassName()).isEqualTo("fast");
    assertThat(claim.getResources().getRequests().get("storage").toString()).isEqualTo("100Gi");
  }

  private static ManagedEbsVolume volume(Integer size, String type, String snapshot) {
    return new ManagedEbsVolume("data", ROLE, size, type, null, null, snapshot, null, true);
  }

  private static PersistentVolumeClaimSpec claim(ManagedEbsVolume v, String classes) {
    EphemeralVolumeSource source =
        EbsVolumeTranslator.of(v, new EbsStorageClasses(EbsStorageClasses.parse(classes)));
    return source.getVolumeClaimTemplate().getSpec();
  }
}
