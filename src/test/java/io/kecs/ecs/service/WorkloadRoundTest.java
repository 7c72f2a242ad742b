package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

class WorkloadRoundTest {
  private static final Task HEALTHY = task("a", "HEALTHY", "i-1");
  private static final Task SICK = task("b", "UNHEALTHY", "i-1");
  private static final Task DRAINED = task("c", "UNKNOWN", "i-draining");

  @Test
  void anActiveServiceStopsOnlyWhatTheWorkloadWouldKeep() {
    Rollout.Plan plan =
        WorkloadRound.stops(
            service("ACTIVE"),
            List.of(HEALTHY, SICK, DRAINED),
            t -> t == HEALTHY,
            t -> "i-draining".equals(t.containerInstanceArn()));
    assertThat(plan.launch()).isZero();
    assertThat(plan.stops())
        .extracting(s -> s.task().taskArn() + ":" + s.reason())
        .containsExactly("b:UNHEALTHY", "c:INSTANCE_DRAINING");
  }

  @Test
  void daemonTasksStayOnDrainingInstances() {
    Service daemon = service("ACTIVE").toBuilder().schedulingStrategy("DAEMON").build();
    Rollout.Plan plan =
        WorkloadRound.stops(
            daemon,
            List.of(DRAINED),
            t -> true,
            t -> "i-draining".equals(t.containerInstanceArn()));
    assertThat(plan.stops()).isEmpty();
  }

  @Test
  void aDeletedServiceStopsEverything() {
    Rollout.Plan plan =
        WorkloadRound.stops(service("DRAINING"), List.of(HEALTHY, SICK), t -> true, t -> false);
    assertThat(plan.stops())
        .extracting(Rollout.Stop::reason)
        .containsOnly(Rollout.StopReason.DRAINING);
    assertThat(plan.stops()).hasSize(2);
  }

  @Test
  void daemonDesiredCountComesFromTheWorkload() {
    WorkloadRound round =
        new WorkloadRound(new Rollout.Plan(0, List.of(), true), List.of(), null, 3, Map.of());
    assertThat(round.withDesiredCount(service("ACTIVE")).desiredCount()).isEqualTo(3);
    assertThat(round.withDesiredCount(service("DRAINING")).desiredCount()).isEqualTo(1);
  }

  private static Service service(String status) {
    return Service.builder().serviceName("web").status(status).desiredCount(1).build();
  }

  private static Task task(String arn, String health, String instance) {
    return Task.builder()
        .taskArn(arn)
        .desiredStatus("RUNNING")
        .lastStatus("RUNNING")
        .healthStatus(health)
        .containerInstanceArn(instance)
        .build();
  }
}
