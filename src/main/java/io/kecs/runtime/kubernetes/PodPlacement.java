package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.PodSpecBuilder;
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
}
