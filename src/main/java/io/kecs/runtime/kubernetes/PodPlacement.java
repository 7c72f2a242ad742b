package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Where the pod may run, beyond the task definition's own node selection ({@link NodeSelection}). A
 * task ECS placed on the container instance of a node is held to that node by its {@code
 * kubernetes.io/hostname} label (through the scheduler, which still checks the node's room, rather
 * than {@code nodeName}, which bypasses it). Otherwise an EC2 task placed through an Auto Scaling
 * group capacity provider goes to the nodes labelled {@code kecs.io/capacity-provider=<provider>}.
 */
final class PodPlacement {
  private PodPlacement() {}

  static void apply(Task task, PodInputs inputs, PodSpecBuilder spec) {
    if (inputs.nodeHostname() != null) {
      spec.addToNodeSelector(NodeMapper.HOSTNAME, inputs.nodeHostname());
      return;
    }
    String provider = task.capacityProviderName();
    if (provider != null
        && "EC2".equals(task.launchTypeAsString())
        && !provider.equals("FARGATE")
        && !provider.equals("FARGATE_SPOT")) {
      spec.addToNodeSelector(NodeMapper.CAPACITY_PROVIDER, KubeNames.labelValue(provider));
    }
  }

  /**
   * Holds a workload's pods to the nodes of the given capacity providers (an ECS daemon runs on the
   * instances of its providers): one provider is a {@code nodeSelector} on {@code
   * kecs.io/capacity-provider}; several cannot be (a selector ANDs its labels), so they become a
   * required node affinity {@code kecs.io/capacity-provider In (...)}. Nothing for no providers.
   */
  static void onProviders(PodSpec spec, List<String> providers) {
    List<String> values = providers.stream().map(KubeNames::labelValue).distinct().toList();
    if (values.isEmpty()) {
      return;
    }
    if (values.size() == 1) {
      var selector =
          spec.getNodeSelector() == null
              ? new LinkedHashMap<String, String>()
              : new LinkedHashMap<>(spec.getNodeSelector());
      selector.put(NodeMapper.CAPACITY_PROVIDER, values.get(0));
      spec.setNodeSelector(selector);
      return;
    }
    spec.setAffinity(
        new io.fabric8.kubernetes.api.model.AffinityBuilder()
            .withNewNodeAffinity()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .withNodeSelectorTerms(
                new NodeSelectorTermBuilder()
                    .withMatchExpressions(
                        new NodeSelectorRequirementBuilder()
                            .withKey(NodeMapper.CAPACITY_PROVIDER)
                            .withOperator("In")
                            .withValues(values)
                            .build())
                    .build())
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity()
            .build());
  }
}
