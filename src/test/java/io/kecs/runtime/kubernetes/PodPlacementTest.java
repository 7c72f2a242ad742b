package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;

class PodPlacementTest {
  private static Map<String, String> selector(Task task, PodInputs inputs) {
    PodSpecBuilder spec = new PodSpecBuilder();
    PodPlacement.apply(task, inputs, spec);
    Map<String, String> s = spec.build().getNodeSelector();
    return s == null ? Map.of() : s;
  }

  private static PodInputs on(String node) {
    return new PodInputs(node, null, null, Map.of());
  }

  @Test
  void aTaskOnANodesInstanceIsHeldToThatNodeOnly() {
    Task task = Task.builder().launchType("EC2").capacityProviderName("spot").build();
    assertThat(selector(task, on("node-1")))
        .containsExactly(Map.entry("kubernetes.io/hostname", "node-1"));
  }

  @Test
  void anEc2TaskOfAnAutoScalingGroupProviderGoesToThatProvidersNodes() {
    Task task = Task.builder().launchType("EC2").capacityProviderName("spot_nodes").build();
    assertThat(selector(task, PodInputs.NONE))
        .containsExactly(Map.entry("kecs.io/capacity-provider", "spot_nodes"));
    String longName = "p".repeat(70);
    assertThat(
            selector(
                Task.builder().launchType("EC2").capacityProviderName(longName).build(),
                PodInputs.NONE))
        .containsEntry("kecs.io/capacity-provider", KubeNames.labelValue(longName));
  }

  @Test
  void fargateAndPlainLaunchTypesSelectNoNodes() {
    assertThat(
            selector(
                Task.builder().launchType("FARGATE").capacityProviderName("FARGATE_SPOT").build(),
                PodInputs.NONE))
        .isEmpty();
    assertThat(selector(Task.builder().launchType("EC2").build(), PodInputs.NONE)).isEmpty();
  }

  @Test
  void aDaemonOfOneProviderSelectsItsNodesAndOfSeveralUsesNodeAffinity() {
    PodSpec one = new PodSpecBuilder().addToNodeSelector("kubernetes.io/os", "linux").build();
    PodPlacement.onProviders(one, List.of("mi"));
    assertThat(one.getNodeSelector())
        .containsExactly(
            Map.entry("kubernetes.io/os", "linux"), Map.entry("kecs.io/capacity-provider", "mi"));
    assertThat(one.getAffinity()).isNull();

    PodSpec several = new PodSpecBuilder().build();
    PodPlacement.onProviders(several, List.of("mi", "gpu_nodes", "mi"));
    assertThat(several.getNodeSelector()).isNullOrEmpty();
    var terms =
        several
            .getAffinity()
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms();
    assertThat(terms).hasSize(1);
    assertThat(terms.get(0).getMatchExpressions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getKey()).isEqualTo("kecs.io/capacity-provider");
              assertThat(e.getOperator()).isEqualTo("In");
              assertThat(e.getValues()).containsExactly("mi", "gpu_nodes");
            });

    PodSpec none = new PodSpecBuilder().build();
    PodPlacement.onProviders(none, List.of());
    assertThat(none.getNodeSelector()).isNullOrEmpty();
    assertThat(none.getAffinity()).isNull();
  }
}
