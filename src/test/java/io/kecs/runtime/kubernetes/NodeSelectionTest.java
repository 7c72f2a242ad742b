package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;

class NodeSelectionTest {
  @Test
  void onlyAttributesThatComeFromNodeLabelsSelectNodes() {
    TaskDefinition def =
        TaskDefinition.builder()
            .placementConstraints(
                memberOf("attribute:ecs.cpu-architecture == x86_64"),
                memberOf("attribute:ecs.instance-type == m5.large"),
                memberOf("attribute:team == web"), // a custom attribute: no node label says it
                memberOf("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]"))
            .build();
    assertThat(NodeSelection.of(def))
        .containsExactly(
            java.util.Map.entry("kubernetes.io/arch", "amd64"),
            java.util.Map.entry("node.kubernetes.io/instance-type", "m5.large"));
  }

  private static TaskDefinitionPlacementConstraint memberOf(String expression) {
    return TaskDefinitionPlacementConstraint.builder()
        .type("memberOf")
        .expression(expression)
        .build();
  }
}
