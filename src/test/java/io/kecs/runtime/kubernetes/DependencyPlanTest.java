package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;

class DependencyPlanTest {
  private static ContainerDefinition c(String name, String... deps) {
    ContainerDefinition.Builder b = ContainerDefinition.builder().name(name).image("x");
    b.dependsOn(
        java.util.Arrays.stream(deps)
            .map(
                d -> {
                  String[] p = d.split(":");
                  return software.amazon.awssdk.services.ecs.model.ContainerDependency.builder()
                      .containerName(p[0])
                      .condition(ContainerCondition.fromValue(p[1]))
                      .build();
                })
            .toList());
    return b.build();
  }

  @Test
  void containersWithoutDependentsStartTogether() {
    DependencyPlan plan = DependencyPlan.of(List.of(c("a"), c("b")));
    assertThat(plan.init()).isEmpty();
    assertThat(plan.main()).extracting(ContainerDefinition::name).containsExactly("a", "b");
  }

  @Test
  void conditionsChooseInitOrSidecarAndOrderFollowsDependencies() {
    DependencyPlan plan =
        DependencyPlan.of(
            List.of(
                c("app", "migrate:SUCCESS", "proxy:START"),
                c("migrate", "db:HEALTHY"),
                c("proxy"),
                c("db")));
    assertThat(plan.init())
        .extracting(p -> p.definition().name() + "/" + p.role() + "/" + p.gatesOnHealth())
        .containsExactly("proxy/SIDECAR/false", "db/SIDECAR/true", "migrate/INIT/false");
    assertThat(plan.main()).extracting(ContainerDefinition::name).containsExactly("app");
  }

  @Test
  void completeWinsOverStartForTheSameContainer() {
    DependencyPlan plan =
        DependencyPlan.of(List.of(c("a", "x:START"), c("b", "x:COMPLETE"), c("x")));
    assertThat(plan.init().get(0).role()).isEqualTo(DependencyPlan.Role.INIT);
  }

  @Test
  void cyclesAndUnknownContainersAreRejected() {
    assertThatThrownBy(
            () ->
                DependencyPlan.of(
                    List.of(c("app", "a:START"), c("a", "b:START"), c("b", "a:START"))))
        .hasMessage("dependsOn forms a cycle among [a, b]");
    assertThatThrownBy(() -> DependencyPlan.of(List.of(c("app", "ghost:START"))))
        .hasMessage("app depends on ghost, which is not in the task");
  }
}
