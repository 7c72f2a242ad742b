package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kecs.runtime.HostObservation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeMapperTest {
  static Node node(String name, boolean ready, Map<String, String> labels) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewStatus()
        .addToAllocatable("cpu", new Quantity("3920m"))
        .addToAllocatable("memory", new Quantity("15952Mi"))
        .addToAllocatable("pods", new Quantity("110"))
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "Unknown")
        .endCondition()
        .withNewDaemonEndpoints()
        .withNewKubeletEndpoint(10250)
        .endDaemonEndpoints()
        .withNewNodeInfo()
        .withArchitecture("amd64")
        .withOperatingSystem("linux")
        .withKubeletVersion("v1.31.2")
        .withContainerRuntimeVersion("containerd://1.7.22")
        .endNodeInfo()
        .endStatus()
        .build();
  }

  @Test
  void aReadyNodeIsAHostWithItsAllocatableAndLabelsInEcsWords() {
    HostObservation h =
        NodeMapper.of(
            node(
                "ip-10-0-1-17.ec2.internal",
                true,
                Map.of(
                    "topology.kubernetes.io/zone", "us-east-1b",
                    "node.kubernetes.io/instance-type", "m6i.xlarge",
                    "kubernetes.io/arch", "arm64",
                    "kubernetes.io/os", "linux",
                    "kecs.io/capacity-provider", "spot-nodes")));
    assertThat(h.hostId()).isEqualTo("ip-10-0-1-17.ec2.internal");
    assertThat(h.status()).isEqualTo(HostObservation.Status.READY);
    assertThat(h.cpu()).isEqualTo(4014); // 3.92 cores x 1024, rounded down
    assertThat(h.memory()).isEqualTo(15952);
    assertThat(h.pods()).isEqualTo(110);
    assertThat(h.reservedPorts()).containsExactly("10250");
    assertThat(h.attributes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "ecs.availability-zone", "us-east-1b",
                "ecs.instance-type", "m6i.xlarge",
                "ecs.cpu-architecture", "arm64",
                "ecs.os-type", "linux",
                "ecs.os-family", "LINUX"));
    assertThat(h.capacityProvider()).isEqualTo("spot-nodes");
    assertThat(h.agentVersion()).isEqualTo("v1.31.2");
    assertThat(h.runtimeVersion()).isEqualTo("containerd://1.7.22");
  }

  @Test
  void aNodeWithoutLabelsFallsBackOnItsNodeInfo() {
    HostObservation h = NodeMapper.of(node("bare", false, Map.of()));
    assertThat(h.status()).isEqualTo(HostObservation.Status.NOT_READY);
    assertThat(h.attributes())
        .containsEntry("ecs.cpu-architecture", "x86_64")
        .containsEntry("ecs.os-type", "linux")
        .doesNotContainKeys("ecs.availability-zone", "ecs.instance-type");
    assertThat(h.capacityProvider()).isNull();
  }

  @Test
  void aWindowsNodeWithoutItsBuildLabelHasNoOsFamily() {
    HostObservation h = NodeMapper.of(node("win", true, Map.of("kubernetes.io/os", "windows")));
    assertThat(h.attributes())
        .containsEntry("ecs.os-type", "windows")
        .doesNotContainKey("ecs.os-family");
  }

  @Test
  void aNodeWithoutStatusOffersNothing() {
    Node n = new NodeBuilder().withNewMetadata().withName("new").endMetadata().build();
    HostObservation h = NodeMapper.of(n);
    assertThat(h.status()).isEqualTo(HostObservation.Status.NOT_READY);
    assertThat(List.of(h.cpu(), h.memory(), h.pods())).containsOnly(0);
    assertThat(NodeMapper.hostname(n)).isEqualTo("new");
  }

  @Test
  void theHostnameLabelIsWhatNodeSelectorsMatch() {
    Node n = node("node-a", true, Map.of("kubernetes.io/hostname", "node-a.example"));
    assertThat(NodeMapper.hostname(n)).isEqualTo("node-a.example");
  }

  @Test
  void cordoningMarksTheNodeAndUncordoningClearsIt() {
    Node cordoned = NodeCordon.edited(node("n", true, Map.of()), true);
    assertThat(cordoned.getSpec().getUnschedulable()).isTrue();
    assertThat(cordoned.getMetadata().getAnnotations()).containsEntry("kecs.io/cordoned", "true");
    Node released = NodeCordon.edited(cordoned, false);
    assertThat(released.getSpec().getUnschedulable()).isNull();
    assertThat(released.getMetadata().getAnnotations()).doesNotContainKey("kecs.io/cordoned");
  }
}
