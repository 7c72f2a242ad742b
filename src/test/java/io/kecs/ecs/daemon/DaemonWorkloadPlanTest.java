package io.kecs.ecs.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;

class DaemonWorkloadPlanTest {
  private static final Predicate<Task> HEALTHY =
      t -> "RUNNING".equals(t.lastStatus()) && !"UNHEALTHY".equals(t.healthStatusAsString());

  private static Task task(String arn, String instance, String revision, String last) {
    return Task.builder()
        .taskArn(arn)
        .containerInstanceArn(instance)
        .startedBy(revision)
        .lastStatus(last)
        .desiredStatus("RUNNING")
        .healthStatus("UNKNOWN")
        .build();
  }

  @Test
  void drainPercentBecomesTheShareOfHostsThatStayHealthyRoundedTowardsFewerReplacements() {
    assertThat(DaemonWorkloadPlan.minimumHealthyPercent(25.0)).isEqualTo(75);
    assertThat(DaemonWorkloadPlan.minimumHealthyPercent(12.5)).isEqualTo(88);
    assertThat(DaemonWorkloadPlan.minimumHealthyPercent(100.0)).isZero();
    assertThat(DaemonWorkloadPlan.minimumHealthyPercent(0.0)).isEqualTo(100);
  }

  @Test
  void theBakeTimeIsInSeconds() {
    assertThat(DaemonWorkloadPlan.minReadySeconds(null)).isZero();
    assertThat(DaemonWorkloadPlan.minReadySeconds(0)).isZero();
    assertThat(DaemonWorkloadPlan.minReadySeconds(1440)).isEqualTo(86_400);
  }

  @Test
  void rolledOutOnceEveryEligibleInstanceRunsAHealthyTargetTaskAndNothingElseIsLeft() {
    Task a = task("t/a", "i-a", "v2", "RUNNING");
    Task b = task("t/b", "i-b", "v2", "RUNNING");
    Task oldOnDraining = task("t/c", "i-c", "v1", "RUNNING");
    Task pending = task("t/b2", "i-b", "v2", "PENDING");
    Set<String> eligible = Set.of("i-a", "i-b");
    assertThat(DaemonWorkloadPlan.rolledOut(eligible, List.of(a, b), "v2", HEALTHY)).isTrue();
    assertThat(DaemonWorkloadPlan.rolledOut(eligible, List.of(a, pending), "v2", HEALTHY))
        .isFalse();
    assertThat(DaemonWorkloadPlan.rolledOut(eligible, List.of(a, b, oldOnDraining), "v2", HEALTHY))
        .isFalse();
    assertThat(DaemonWorkloadPlan.replacing(List.of(a, b, oldOnDraining), "v2")).isTrue();
    Task stopping = oldOnDraining.toBuilder().desiredStatus("STOPPED").build();
    assertThat(DaemonWorkloadPlan.rolledOut(eligible, List.of(a, b, stopping), "v2", HEALTHY))
        .isTrue();
    assertThat(DaemonWorkloadPlan.rolledOut(Set.of(), List.of(), "v2", HEALTHY)).isTrue();
  }

  @Test
  void onlyTasksFailingTheirHealthChecksAreStopped() {
    Task sick = task("t/a", "i-a", "v1", "RUNNING").toBuilder().healthStatus("UNHEALTHY").build();
    Task fine = task("t/b", "i-b", "v1", "RUNNING");
    assertThat(DaemonWorkloadPlan.unhealthy(List.of(sick, fine), HEALTHY)).containsExactly(sick);
  }
}
