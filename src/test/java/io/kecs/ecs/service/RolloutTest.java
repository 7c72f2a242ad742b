package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** The rolling-update plan as a pure function of the service and its tasks. */
class RolloutTest {
  private static final Predicate<Task> RUNNING_IS_HEALTHY = t -> "RUNNING".equals(t.lastStatus());
  private static final Predicate<Task> NOTHING_PROTECTED = t -> false;
  private int created;

  private static Service service(int desired, int min, int max, String... deploymentIds) {
    List<Deployment> deployments = new ArrayList<>();
    for (String id : deploymentIds) {
      deployments.add(Deployment.builder().id(id).build());
    }
    return Service.builder()
        .status("ACTIVE")
        .desiredCount(desired)
        .deploymentConfiguration(d -> d.minimumHealthyPercent(min).maximumPercent(max))
        .deployments(deployments)
        .build();
  }

  private Task task(String deployment, String status) {
    return Task.builder()
        .taskArn("arn:aws:ecs:us-east-1:0:task/c/" + (created++))
        .startedBy(deployment)
        .desiredStatus("RUNNING")
        .lastStatus(status)
        .healthStatus("UNKNOWN")
        .createdAt(Instant.ofEpochSecond(created))
        .build();
  }

  private Rollout.Plan plan(Service s, List<Task> tasks) {
    return Rollout.plan(s, tasks, RUNNING_IS_HEALTHY, NOTHING_PROTECTED, true);
  }

  @Test
  void startsTheDesiredCount() {
    Rollout.Plan p = plan(service(3, 100, 200, "new"), List.of());
    assertThat(p.launch()).isEqualTo(3);
    assertThat(p.stops()).isEmpty();
    assertThat(p.stable()).isFalse();
  }

  @Test
  void defaultPercentsStartNewTasksBeforeStoppingOldOnes() {
    Service s = service(2, 100, 200, "new", "old");
    List<Task> old = List.of(task("old", "RUNNING"), task("old", "RUNNING"));
    Rollout.Plan first = plan(s, old);
    assertThat(first.launch()).isEqualTo(2);
    assertThat(first.stops()).isEmpty();

    List<Task> pendingNew = new ArrayList<>(old);
    pendingNew.add(task("new", "PENDING"));
    pendingNew.add(task("new", "PENDING"));
    Rollout.Plan waiting = plan(s, pendingNew);
    assertThat(waiting.launch()).isZero();
    assertThat(waiting.stops()).as("old tasks stay until new ones are healthy").isEmpty();

    List<Task> runningNew = new ArrayList<>(old);
    runningNew.add(task("new", "RUNNING"));
    runningNew.add(task("new", "RUNNING"));
    Rollout.Plan swap = plan(s, runningNew);
    assertThat(swap.stops()).extracting(st -> st.task().startedBy()).containsExactly("old", "old");
    assertThat(swap.stops())
        .allSatisfy(st -> assertThat(st.reason()).isEqualTo(Rollout.StopReason.DEPLOYMENT));
  }

  @Test
  void zeroMinimumAndHundredMaximumStopsFirst() {
    Service s = service(2, 0, 100, "new", "old");
    Rollout.Plan p = plan(s, List.of(task("old", "RUNNING"), task("old", "RUNNING")));
    assertThat(p.launch()).isZero();
    assertThat(p.stops()).hasSize(2);
  }

  @Test
  void fiftyPercentMinimumStopsHalfAtATime() {
    Service s = service(4, 50, 100, "new", "old");
    List<Task> old =
        List.of(
            task("old", "RUNNING"),
            task("old", "RUNNING"),
            task("old", "RUNNING"),
            task("old", "RUNNING"));
    Rollout.Plan p = plan(s, old);
    assertThat(p.launch()).isZero();
    assertThat(p.stops()).hasSize(2);
  }

  @Test
  void scaleInStopsPendingTasksFirstAndSparesProtectedOnes() {
    Service s = service(1, 100, 200, "d");
    Task protectedTask = task("d", "RUNNING");
    Task pending = task("d", "PENDING");
    Task plain = task("d", "RUNNING");
    Rollout.Plan p =
        Rollout.plan(
            s,
            List.of(protectedTask, pending, plain),
            RUNNING_IS_HEALTHY,
            t -> t == protectedTask,
            true);
    assertThat(p.stops()).extracting(Rollout.Stop::task).containsExactlyInAnyOrder(pending, plain);
    assertThat(p.stops())
        .allSatisfy(st -> assertThat(st.reason()).isEqualTo(Rollout.StopReason.SCALE_IN));
  }

  @Test
  void unhealthyTasksAreReplaced() {
    Service s = service(1, 100, 200, "d");
    Task sick = task("d", "RUNNING").toBuilder().healthStatus("UNHEALTHY").build();
    Rollout.Plan p = plan(s, List.of(sick));
    assertThat(p.stops())
        .singleElement()
        .satisfies(st -> assertThat(st.reason()).isEqualTo(Rollout.StopReason.UNHEALTHY));
    assertThat(p.launch()).isEqualTo(1);
  }

  @Test
  void stableWhenTheDesiredTasksRunHealthy() {
    Service s = service(2, 100, 200, "d");
    assertThat(plan(s, List.of(task("d", "RUNNING"), task("d", "RUNNING"))).stable()).isTrue();
    assertThat(plan(s, List.of(task("d", "RUNNING"), task("d", "PENDING"))).stable()).isFalse();
  }

  @Test
  void failedDeploymentsLaunchNothing() {
    Rollout.Plan p =
        Rollout.plan(
            service(2, 100, 200, "d"), List.of(), RUNNING_IS_HEALTHY, NOTHING_PROTECTED, false);
    assertThat(p.launch()).isZero();
  }

  @Test
  void drainingServicesStopEverything() {
    Service s = service(0, 100, 200, "d").toBuilder().status("DRAINING").build();
    Rollout.Plan p = plan(s, List.of(task("d", "RUNNING")));
    assertThat(p.stops())
        .singleElement()
        .satisfies(st -> assertThat(st.reason()).isEqualTo(Rollout.StopReason.DRAINING));
  }

  private Task on(String instance, Task t) {
    return t.toBuilder().containerInstanceArn(instance).build();
  }

  private static Rollout.Plan drainPlan(Service s, List<Task> tasks) {
    return Rollout.plan(
        s,
        tasks,
        RUNNING_IS_HEALTHY,
        NOTHING_PROTECTED,
        true,
        t -> "drained".equals(t.containerInstanceArn()));
  }

  @Test
  void tasksOnADrainingInstanceAreReplacedBeforeTheyStop() {
    Service s = service(2, 100, 200, "d");
    Task draining = on("drained", task("d", "RUNNING"));
    Task staying = on("other", task("d", "RUNNING"));
    Rollout.Plan first = drainPlan(s, List.of(draining, staying));
    assertThat(first.launch()).as("a replacement starts elsewhere first").isEqualTo(1);
    assertThat(first.stops()).isEmpty();
    assertThat(first.stable()).isFalse();

    Task replacement = on("other", task("d", "PENDING"));
    Rollout.Plan waiting = drainPlan(s, List.of(draining, staying, replacement));
    assertThat(waiting.launch()).isZero();
    assertThat(waiting.stops()).as("minimumHealthyPercent 100 keeps it").isEmpty();

    Task replaced = replacement.toBuilder().lastStatus("RUNNING").build();
    Rollout.Plan swap = drainPlan(s, List.of(draining, staying, replaced));
    assertThat(swap.launch()).isZero();
    assertThat(swap.stops())
        .singleElement()
        .satisfies(
            st -> {
              assertThat(st.task()).isEqualTo(draining);
              assertThat(st.reason()).isEqualTo(Rollout.StopReason.INSTANCE_DRAINING);
            });
    assertThat(drainPlan(s, List.of(staying, replaced)).stable()).isTrue();
  }

  @Test
  void maximumPercentOf100StopsDrainingTasksFirstWithinMinimumHealthy() {
    Service s = service(4, 50, 100, "d");
    List<Task> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(on(i < 3 ? "drained" : "other", task("d", "RUNNING")));
    }
    Rollout.Plan p = drainPlan(s, tasks);
    assertThat(p.launch()).as("no room above 100%").isZero();
    assertThat(p.stops())
        .hasSize(2)
        .allSatisfy(
            st -> {
              assertThat(st.task().containerInstanceArn()).isEqualTo("drained");
              assertThat(st.reason()).isEqualTo(Rollout.StopReason.INSTANCE_DRAINING);
            });
  }

  @Test
  void pendingTasksOnADrainingInstanceStopAtOnce() {
    Service s = service(1, 100, 200, "d");
    Task pending = on("drained", task("d", "PENDING"));
    Rollout.Plan p = drainPlan(s, List.of(pending));
    assertThat(p.stops()).extracting(Rollout.Stop::task).containsExactly(pending);
    assertThat(p.launch()).isEqualTo(1);
  }

  @Test
  void drainingInstancesCountTowardMaximumPercent() {
    Service s = service(2, 100, 150, "new", "old");
    List<Task> tasks =
        List.of(on("drained", task("new", "RUNNING")), on("other", task("old", "RUNNING")));
    Rollout.Plan p = drainPlan(s, tasks);
    assertThat(p.launch()).as("3 of 150%% of 2, two running").isEqualTo(1);
    assertThat(p.stops()).isEmpty();
  }
}
