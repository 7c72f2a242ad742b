package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** The task set plan and the counts and stability a service shows, as pure functions. */
class TaskSetPlanTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Predicate<Task> RUNNING = t -> "RUNNING".equals(t.lastStatus());
  private static final Predicate<Task> NONE_PROTECTED = t -> false;

  private int taskNumber;

  private static TaskSet set(String id, String status, double scale) {
    return TaskSet.builder()
        .id(id)
        .taskSetArn("arn:aws:ecs:us-east-1:000000000000:task-set/apps/web/" + id)
        .status(status)
        .scale(Scale.builder().value(scale).unit("PERCENT").build())
        .computedDesiredCount(0)
        .runningCount(0)
        .pendingCount(0)
        .stabilityStatus("STABILIZING")
        .stabilityStatusAt(T0)
        .createdAt(T0)
        .updatedAt(T0)
        .build();
  }

  private static Service service(int desired, TaskSet... sets) {
    return Service.builder()
        .serviceArn("arn:aws:ecs:us-east-1:000000000000:service/apps/web")
        .serviceName("web")
        .status("ACTIVE")
        .desiredCount(desired)
        .deploymentController(DeploymentController.builder().type("EXTERNAL").build())
        .taskSets(sets)
        .build();
  }

  private Task task(String taskSetId, String lastStatus) {
    taskNumber++;
    return Task.builder()
        .taskArn("arn:aws:ecs:us-east-1:000000000000:task/apps/t" + taskNumber)
        .startedBy(taskSetId)
        .lastStatus(lastStatus)
        .desiredStatus("RUNNING")
        .healthStatus("UNKNOWN")
        .createdAt(T0.plusSeconds(taskNumber))
        .build();
  }

  @Test
  void tasksOnDrainingInstancesAreReplacedThenStopped() {
    Service s = service(2, set("ecs-svc/1", "PRIMARY", 100));
    Task leaving = task("ecs-svc/1", "RUNNING");
    Task staying = task("ecs-svc/1", "RUNNING");
    Predicate<Task> draining = t -> t == leaving;

    TaskSetPlan.Plan first =
        TaskSetPlan.plan(s, List.of(leaving, staying), RUNNING, NONE_PROTECTED, draining);
    assertThat(first.launches()).singleElement().satisfies(l -> assertThat(l.count()).isEqualTo(1));
    assertThat(first.stops()).as("kept until its replacement is healthy").isEmpty();

    Task replacement = task("ecs-svc/1", "RUNNING");
    TaskSetPlan.Plan second =
        TaskSetPlan.plan(
            s, List.of(leaving, staying, replacement), RUNNING, NONE_PROTECTED, draining);
    assertThat(second.launches()).isEmpty();
    assertThat(second.stops())
        .singleElement()
        .satisfies(
            st -> {
              assertThat(st.task()).isSameAs(leaving);
              assertThat(st.reason()).isEqualTo(Rollout.StopReason.INSTANCE_DRAINING);
            });
  }

  @Test
  void eachTaskSetGetsItsShareOfTheDesiredCount() {
    Service s = service(4, set("ecs-svc/1", "PRIMARY", 100), set("ecs-svc/2", "ACTIVE", 50));
    List<Task> tasks = List.of(task("ecs-svc/1", "RUNNING"));
    TaskSetPlan.Plan plan = TaskSetPlan.plan(s, tasks, RUNNING, NONE_PROTECTED, t -> false);
    assertThat(plan.stops()).isEmpty();
    assertThat(plan.launches())
        .extracting(l -> l.taskSet().id() + "=" + l.count())
        .containsExactly("ecs-svc/1=3", "ecs-svc/2=2");
  }

  @Test
  void scaleInStopsPendingThenNewestAndSparesProtectedTasks() {
    Service s = service(4, set("ecs-svc/1", "ACTIVE", 50));
    Task oldest = task("ecs-svc/1", "RUNNING");
    Task pending = task("ecs-svc/1", "PENDING");
    Task protectedTask = task("ecs-svc/1", "RUNNING");
    Task newest = task("ecs-svc/1", "RUNNING");
    TaskSetPlan.Plan plan =
        TaskSetPlan.plan(
            s,
            List.of(oldest, pending, protectedTask, newest),
            RUNNING,
            t -> t == protectedTask,
            t -> false);
    assertThat(plan.launches()).isEmpty();
    assertThat(plan.stops())
        .extracting(Rollout.Stop::task)
        .containsExactly(pending, newest)
        .doesNotContain(protectedTask, oldest);
  }

  @Test
  void unhealthyTasksAreReplacedAndDrainingOrUnknownSetsStopped() {
    Service s = service(1, set("ecs-svc/1", "PRIMARY", 100), set("ecs-svc/2", "DRAINING", 100));
    Task sick = task("ecs-svc/1", "RUNNING").toBuilder().healthStatus("UNHEALTHY").build();
    Task draining = task("ecs-svc/2", "RUNNING");
    Task orphan = task("ecs-svc/9", "RUNNING");
    TaskSetPlan.Plan plan =
        TaskSetPlan.plan(s, List.of(sick, draining, orphan), RUNNING, x -> true, t -> false);
    assertThat(plan.stops())
        .extracting(st -> st.task().startedBy() + ":" + st.reason())
        .containsExactlyInAnyOrder(
            "ecs-svc/1:UNHEALTHY", "ecs-svc/2:DEPLOYMENT", "ecs-svc/9:DEPLOYMENT");
    assertThat(plan.launches()).singleElement().satisfies(l -> assertThat(l.count()).isOne());
  }

  @Test
  void aDeletedServiceStopsEverything() {
    Service s = service(0, set("ecs-svc/1", "PRIMARY", 100)).toBuilder().status("DRAINING").build();
    TaskSetPlan.Plan plan =
        TaskSetPlan.plan(s, List.of(task("ecs-svc/1", "RUNNING")), RUNNING, x -> true, t -> false);
    assertThat(plan.launches()).isEmpty();
    assertThat(plan.stops())
        .singleElement()
        .satisfies(st -> assertThat(st.reason()).isEqualTo(Rollout.StopReason.DRAINING));
  }

  @Test
  void countsAndStabilityFollowTheTasks() {
    Service s = service(2, set("ecs-svc/1", "PRIMARY", 100), set("ecs-svc/2", "ACTIVE", 50));
    List<Task> tasks = new ArrayList<>();
    tasks.add(task("ecs-svc/1", "RUNNING"));
    tasks.add(task("ecs-svc/1", "PENDING"));
    tasks.add(task("ecs-svc/2", "RUNNING"));
    Instant t1 = T0.plusSeconds(60);
    Service counted = TaskSetStatus.withCounts(s, tasks, RUNNING, t1).service();
    assertThat(counted.runningCount()).isEqualTo(2);
    assertThat(counted.pendingCount()).isEqualTo(1);
    TaskSet primary = counted.taskSets().get(0);
    TaskSet second = counted.taskSets().get(1);
    assertThat(primary.computedDesiredCount()).isEqualTo(2);
    assertThat(primary.stabilityStatusAsString()).isEqualTo("STABILIZING");
    assertThat(primary.stabilityStatusAt()).isEqualTo(T0);
    assertThat(primary.updatedAt()).isEqualTo(t1);
    assertThat(second.computedDesiredCount()).isEqualTo(1);
    assertThat(second.stabilityStatusAsString()).isEqualTo("STEADY_STATE");
    assertThat(second.stabilityStatusAt()).isEqualTo(t1);
    // Nothing changed: the same record comes back, timestamps untouched.
    assertThat(TaskSetStatus.withCounts(counted, tasks, RUNNING, t1.plusSeconds(5)).service())
        .isSameAs(counted);
  }

  @Test
  void aTaskBeingStoppedKeepsTheSetStabilizing() {
    Service s = service(1, set("ecs-svc/1", "ACTIVE", 100));
    Task running = task("ecs-svc/1", "RUNNING");
    Task stopping = task("ecs-svc/1", "RUNNING").toBuilder().desiredStatus("STOPPED").build();
    TaskSet ts =
        TaskSetStatus.withCounts(s, List.of(running, stopping), RUNNING, T0)
            .service()
            .taskSets()
            .get(0);
    assertThat(ts.runningCount()).isOne();
    assertThat(ts.stabilityStatusAsString()).isEqualTo("STABILIZING");
  }

  @Test
  void drainedTaskSetsLeaveAndDesiredCountsFollowTheService() {
    Service s = service(3, set("ecs-svc/1", "PRIMARY", 50), set("ecs-svc/2", "DRAINING", 100));
    TaskSetStatus.Counted counted = TaskSetStatus.withCounts(s, List.of(), RUNNING, T0);
    assertThat(counted.removed()).extracting(TaskSet::id).containsExactly("ecs-svc/2");
    assertThat(counted.service().taskSets()).extracting(TaskSet::id).containsExactly("ecs-svc/1");
    assertThat(counted.service().taskSets().get(0).computedDesiredCount()).isEqualTo(2);

    Service scaled =
        TaskSetStatus.withDesiredCounts(
            counted.service().toBuilder().desiredCount(6).build(), T0.plusSeconds(1));
    assertThat(scaled.taskSets().get(0).computedDesiredCount()).isEqualTo(3);
    assertThat(scaled.taskSets().get(0).updatedAt()).isEqualTo(T0.plusSeconds(1));
  }
}
