package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.ecs.service.DaemonRollout.Goal;
import io.kecs.ecs.service.DaemonRollout.Plan;
import io.kecs.ecs.service.DaemonRollout.StopReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Task;

/** The daemon placement plan: one task per eligible instance, rolled instance by instance. */
class DaemonRolloutTest {
  private static final Predicate<Task> HEALTHY =
      t -> "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus());
  private static final Predicate<Task> V2 = t -> "v2".equals(t.startedBy());

  private int seq;

  private Task task(String instance, String generation, String lastStatus, String desired) {
    seq++;
    return Task.builder()
        .taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/" + seq)
        .containerInstanceArn(instance)
        .startedBy(generation)
        .lastStatus(lastStatus)
        .desiredStatus(desired)
        .healthStatus("UNKNOWN")
        .createdAt(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq))
        .build();
  }

  private Task running(String instance, String generation) {
    return task(instance, generation, "RUNNING", "RUNNING");
  }

  private static Goal goal(Set<String> eligible, int maxUnavailable) {
    return new Goal(true, eligible, V2, HEALTHY, maxUnavailable, true);
  }

  @Test
  void placesOneTaskOnEachEligibleInstance() {
    Plan plan =
        DaemonRollout.plan(goal(Set.of("i-b", "i-a", "i-c"), 1), List.of(running("i-b", "v2")));
    assertThat(plan.launchOn()).containsExactly("i-a", "i-c");
    assertThat(plan.stops()).isEmpty();
    assertThat(plan.unavailable()).isEqualTo(2);
    assertThat(plan.complete()).isFalse();
  }

  @Test
  void stopsTasksOnInstancesThatLeftAndDuplicates() {
    Task onDrained = running("i-gone", "v2");
    Task first = running("i-a", "v2");
    Task second = running("i-a", "v2");
    Plan plan = DaemonRollout.plan(goal(Set.of("i-a"), 1), List.of(onDrained, first, second));
    assertThat(plan.stops())
        .containsExactlyInAnyOrder(
            new DaemonRollout.Stop(onDrained, StopReason.INELIGIBLE),
            new DaemonRollout.Stop(second, StopReason.DUPLICATE));
    assertThat(plan.launchOn()).isEmpty();
  }

  @Test
  void rollsInstanceByInstanceStoppingBeforeStarting() {
    Set<String> eligible = Set.of("i-a", "i-b", "i-c");
    List<Task> tasks =
        new ArrayList<>(List.of(running("i-a", "v1"), running("i-b", "v1"), running("i-c", "v1")));

    // Round 1: one old task stops (budget 1); nothing starts while it is stopping.
    Plan p1 = DaemonRollout.plan(goal(eligible, 1), tasks);
    assertThat(p1.stops())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.reason()).isEqualTo(StopReason.REPLACED);
              assertThat(s.task().containerInstanceArn()).isEqualTo("i-a");
            });
    assertThat(p1.launchOn()).isEmpty();
    tasks.set(
        0, tasks.get(0).toBuilder().desiredStatus("STOPPED").lastStatus("DEACTIVATING").build());

    // Still stopping: no new task on i-a, and no second replacement (i-a counts as unavailable).
    Plan p2 = DaemonRollout.plan(goal(eligible, 1), tasks);
    assertThat(p2.stops()).isEmpty();
    assertThat(p2.launchOn()).isEmpty();

    // Stopped: i-a gets the new generation.
    tasks.remove(0);
    Plan p3 = DaemonRollout.plan(goal(eligible, 1), tasks);
    assertThat(p3.launchOn()).containsExactly("i-a");
    assertThat(p3.stops()).isEmpty();

    // The new task is pending: the budget is used, nothing else moves.
    tasks.add(task("i-a", "v2", "PENDING", "RUNNING"));
    assertThat(DaemonRollout.plan(goal(eligible, 1), tasks).stops()).isEmpty();

    // Running: the next instance is replaced.
    tasks.set(
        tasks.size() - 1, tasks.get(tasks.size() - 1).toBuilder().lastStatus("RUNNING").build());
    Plan p5 = DaemonRollout.plan(goal(eligible, 1), tasks);
    assertThat(p5.stops())
        .singleElement()
        .satisfies(s -> assertThat(s.task().containerInstanceArn()).isEqualTo("i-b"));
  }

  @Test
  void budgetAllowsBatchesAndZeroPausesReplacements() {
    Set<String> eligible = Set.of("i-a", "i-b", "i-c", "i-d");
    List<Task> tasks =
        List.of(
            running("i-a", "v1"), running("i-b", "v1"), running("i-c", "v1"), running("i-d", "v1"));
    assertThat(DaemonRollout.plan(goal(eligible, 2), tasks).stops()).hasSize(2);
    assertThat(DaemonRollout.plan(goal(eligible, 0), tasks).stops()).isEmpty();
  }

  @Test
  void completeOnlyWhenEveryInstanceRunsTheTarget() {
    Set<String> eligible = Set.of("i-a", "i-b");
    assertThat(
            DaemonRollout.plan(
                    goal(eligible, 1), List.of(running("i-a", "v2"), running("i-b", "v2")))
                .complete())
        .isTrue();
    assertThat(
            DaemonRollout.plan(
                    goal(eligible, 0), List.of(running("i-a", "v2"), running("i-b", "v1")))
                .complete())
        .isFalse();
    assertThat(DaemonRollout.plan(goal(Set.of(), 1), List.of()).complete()).isTrue();
  }

  @Test
  void unhealthyTasksAreReplacedAndFailedDeploymentsStartNothing() {
    Task sick = running("i-a", "v2").toBuilder().healthStatus("UNHEALTHY").build();
    Plan plan = DaemonRollout.plan(goal(Set.of("i-a"), 1), List.of(sick));
    assertThat(plan.stops()).containsExactly(new DaemonRollout.Stop(sick, StopReason.UNHEALTHY));

    Plan frozen =
        DaemonRollout.plan(
            new Goal(true, Set.of("i-a", "i-b"), V2, HEALTHY, 2, false),
            List.of(running("i-a", "v1")));
    assertThat(frozen.launchOn()).isEmpty();
    assertThat(frozen.stops()).isEmpty();
  }

  @Test
  void deletionStopsEverything() {
    Task a = running("i-a", "v2");
    Plan plan =
        DaemonRollout.plan(new Goal(false, Set.of("i-a"), V2, HEALTHY, 1, true), List.of(a));
    assertThat(plan.stops()).containsExactly(new DaemonRollout.Stop(a, StopReason.REMOVED));
    assertThat(plan.complete()).isFalse();
  }

  @Test
  void deletionDrainsABatchAtATime() {
    List<Task> tasks =
        new ArrayList<>(List.of(running("i-b", "v2"), running("i-a", "v2"), running("i-c", "v2")));
    Goal drain = new Goal(false, Set.of(), V2, HEALTHY, 2, false);
    Plan first = DaemonRollout.plan(drain, tasks);
    assertThat(first.stops())
        .extracting(s -> s.task().containerInstanceArn())
        .containsExactly("i-a", "i-b");
    // While one of the batch is still stopping, only one more may go.
    tasks.set(1, tasks.get(1).toBuilder().desiredStatus("STOPPED").build());
    assertThat(DaemonRollout.plan(drain, tasks).stops()).hasSize(1);
    assertThat(DaemonRollout.plan(drain, List.of()).complete()).isTrue();
  }

  @Test
  void budgets() {
    assertThat(DaemonRollout.maxUnavailableKeeping(4, 0)).isEqualTo(4);
    assertThat(DaemonRollout.maxUnavailableKeeping(4, 50)).isEqualTo(2);
    assertThat(DaemonRollout.maxUnavailableKeeping(4, 100)).isEqualTo(1);
    assertThat(DaemonRollout.maxUnavailableReplacing(10, 25.0)).isEqualTo(3);
    assertThat(DaemonRollout.maxUnavailableReplacing(3, 0.0)).isEqualTo(1);
    assertThat(DaemonRollout.maxUnavailableReplacing(0, 25.0)).isEqualTo(1);
  }
}
