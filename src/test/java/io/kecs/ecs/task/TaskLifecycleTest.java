package io.kecs.ecs.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.clock.ManualScheduler;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.runtime.ManagedEbsVolume;
import io.kecs.runtime.simulated.SimulatedRuntime;
import io.kecs.runtime.simulated.SimulationTimings;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The task state machine over the simulated runtime, on a clock moved by hand. */
class TaskLifecycleTest {
  private static final Duration STEP = Duration.ofSeconds(1);
  private static final Arn CLUSTER =
      Arn.ecs(new Scope("000000000000", "us-east-1"), "cluster", "c");

  private final ManualScheduler clock = new ManualScheduler();
  private final Database db = Database.inMemory();
  private final TaskStore store =
      new TaskStore(new RecordTable<>(db, new AwsJsonCodec(), "task", Task.class));
  private final List<TaskDefinition> definitions = new ArrayList<>();
  private final TaskLifecycle lifecycle =
      new TaskLifecycle(
          store,
          new SimulatedRuntime(clock, new SimulationTimings(STEP)),
          source(),
          clock,
          db.gate());
  private final List<String> statuses = new ArrayList<>();

  TaskLifecycleTest() {
    lifecycle.addListener((before, after) -> statuses.add(after.lastStatus()));
    lifecycle.start(Duration.ofHours(1));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void bridgeTaskRunsAndStopsWhenAsked() {
    Task t = launch(definition("web", false), null);
    assertThat(t.lastStatus()).isEqualTo("PENDING");
    clock.advance(STEP.multipliedBy(4));
    Task running = current(t);
    assertThat(running.lastStatus()).isEqualTo("RUNNING");
    assertThat(running.pullStartedAt()).isEqualTo(t.createdAt().plus(STEP.multipliedBy(2)));
    assertThat(running.pullStoppedAt()).isEqualTo(t.createdAt().plus(STEP.multipliedBy(3)));
    assertThat(running.startedAt()).isEqualTo(t.createdAt().plus(STEP.multipliedBy(4)));
    assertThat(running.connectivity().toString()).isEqualTo("CONNECTED");
    assertThat(running.containers().get(0).lastStatus()).isEqualTo("RUNNING");
    assertThat(running.containers().get(0).runtimeId()).hasSize(32);

    Task stopping = lifecycle.requestStop(t.taskArn(), StopCodes.USER_INITIATED, "bye");
    assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopping.lastStatus()).isEqualTo("STOPPING");
    assertThat(stopping.stoppingAt()).isEqualTo(clock.now());
    clock.advance(STEP.multipliedBy(2));
    Task stopped = current(t);
    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stopCode().toString()).isEqualTo("UserInitiated");
    assertThat(stopped.stoppedReason()).isEqualTo("bye");
    assertThat(stopped.containers().get(0).exitCode()).isZero();
    assertThat(stopped.stoppedAt()).isNotNull();
    assertThat(stopped.executionStoppedAt()).isNotNull();
    assertThat(stopped.version()).isGreaterThan(running.version());
    assertThat(statuses).containsSubsequence("PENDING", "RUNNING", "STOPPING", "STOPPED");
  }

  @Test
  void awsvpcTaskWalksProvisioningAndDeprovisioning() {
    Task t =
        launch(
            definition("api", false).toBuilder().networkMode("awsvpc").build(),
            AwsVpcConfiguration.builder().subnets("subnet-1").build());
    assertThat(t.lastStatus()).isEqualTo("PROVISIONING");
    assertThat(t.attachments().get(0).status()).isEqualTo("PRECREATED");
    clock.advance(STEP.multipliedBy(4));
    Task running = current(t);
    assertThat(running.attachments().get(0).status()).isEqualTo("ATTACHED");
    assertThat(running.attachments().get(0).details())
        .extracting(KeyValuePair::name)
        .contains("privateIPv4Address", "subnetId", "networkInterfaceId");
    assertThat(running.containers().get(0).networkInterfaces().get(0).privateIpv4Address())
        .startsWith("10.0.");
    lifecycle.requestStop(t.taskArn(), StopCodes.USER_INITIATED, "x");
    clock.advance(STEP.multipliedBy(2));
    assertThat(statuses)
        .containsSubsequence(
            "PROVISIONING", "PENDING", "RUNNING", "STOPPING", "DEPROVISIONING", "STOPPED");
    assertThat(current(t).attachments().get(0).status()).isEqualTo("DELETED");
  }

  /**
   * The EBS volume's attachment: attached with the task, deleted when it stops unless its
   * termination policy keeps it; DescribeTasks shows only the details ECS documents.
   */
  @Test
  void ebsVolumeIsAttachedThenDeletedOrKept() {
    ManagedEbsVolume deleted =
        new ManagedEbsVolume(
            "data",
            "arn:aws:iam::000000000000:role/ebs",
            30,
            "io2",
            4000,
            null,
            null,
            "ext4",
            true);
    ManagedEbsVolume kept =
        new ManagedEbsVolume(
            "data", "arn:aws:iam::000000000000:role/ebs", 5, null, null, null, null, null, false);
    Task first = launch(definition("db", false), null, deleted);
    Task second = launch(definition("db2", false), null, kept);
    Attachment created = first.attachments().get(0);
    assertThat(created.type()).isEqualTo("AmazonElasticBlockStorage");
    assertThat(created.status()).isEqualTo("ATTACHING");
    assertThat(ManagedEbsVolume.of(first)).contains(deleted);
    assertThat(ManagedEbsVolume.shown(created).details())
        .extracting(KeyValuePair::name)
        .containsExactly("roleArn", "deleteOnTermination", "volumeName", "volumeId");
    assertThat(ManagedEbsVolume.shown(created).details().get(3).value())
        .matches("vol-[0-9a-f]{17}");
    clock.advance(STEP.multipliedBy(4));
    assertThat(current(first).attachments().get(0).status()).isEqualTo("ATTACHED");
    lifecycle.requestStop(first.taskArn(), StopCodes.USER_INITIATED, "x");
    lifecycle.requestStop(second.taskArn(), StopCodes.USER_INITIATED, "x");
    clock.advance(STEP.multipliedBy(2));
    assertThat(current(first).attachments().get(0).status()).isEqualTo("DELETED");
    assertThat(current(second).attachments().get(0).status()).isEqualTo("DETACHED");
    assertThat(ManagedEbsVolume.of(current(second))).contains(kept);
  }

  @Test
  void essentialContainerExitStopsTheTaskWithItsExitCode() {
    TaskDefinition def =
        definition("job", false).toBuilder()
            .containerDefinitions(
                container("main", true, "KECS_SIMULATE_EXIT_CODE", "3"),
                container("sidecar", false, null, null))
            .build();
    Task t = launch(def, null);
    clock.advance(STEP.multipliedBy(10));
    Task stopped = current(t);
    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stopCode().toString()).isEqualTo("EssentialContainerExited");
    assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
    assertThat(stopped.containers())
        .filteredOn(c -> c.name().equals("main"))
        .singleElement()
        .satisfies(c -> assertThat(c.exitCode()).isEqualTo(3));
    assertThat(stopped.containers())
        .allSatisfy(c -> assertThat(c.lastStatus()).isEqualTo("STOPPED"));
  }

  @Test
  void nonEssentialExitKeepsTheTaskRunning() {
    TaskDefinition def =
        definition("svc", false).toBuilder()
            .containerDefinitions(
                container("main", true, null, null),
                container("init", false, "KECS_SIMULATE_EXIT_CODE", "0"))
            .build();
    Task t = launch(def, null);
    clock.advance(STEP.multipliedBy(10));
    Task task = current(t);
    assertThat(task.lastStatus()).isEqualTo("RUNNING");
    assertThat(task.containers())
        .filteredOn(c -> c.name().equals("init"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.lastStatus()).isEqualTo("STOPPED");
              assertThat(c.exitCode()).isZero();
            });
  }

  @Test
  void pullFailureIsTaskFailedToStart() {
    Task t =
        launch(
            definition("bad", false).toBuilder()
                .containerDefinitions(
                    container(
                        "main", true, "KECS_SIMULATE_PULL_ERROR", "pull access denied for nope"))
                .build(),
            null);
    clock.advance(STEP.multipliedBy(6));
    Task stopped = current(t);
    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stopCode().toString()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason()).startsWith("CannotPullContainerError: pull access denied");
    assertThat(stopped.startedAt()).isNull();
  }

  @Test
  void healthChecksDecideTaskHealth() {
    TaskDefinition def = definition("h", true);
    Task t = launch(def, null);
    clock.advance(STEP.multipliedBy(4));
    assertThat(current(t).healthStatus().toString()).isEqualTo("UNKNOWN");
    // The first check runs its interval (Docker's default 30 s, a step per second) after start.
    clock.advance(STEP.multipliedBy(29));
    assertThat(current(t).healthStatus().toString()).isEqualTo("UNKNOWN");
    clock.advance(STEP.multipliedBy(2));
    assertThat(current(t).healthStatus().toString()).isEqualTo("HEALTHY");
    assertThat(current(t).containers().get(0).healthStatus().toString()).isEqualTo("HEALTHY");
  }

  @Test
  void stoppingBeforeStartStopsWithoutStarting() {
    Task t = launch(definition("early", false), null);
    clock.advance(STEP);
    lifecycle.requestStop(t.taskArn(), StopCodes.USER_INITIATED, "changed my mind");
    clock.advance(STEP.multipliedBy(10));
    Task stopped = current(t);
    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.startedAt()).isNull();
    assertThat(stopped.containers().get(0).exitCode()).isNull();
  }

  @Test
  void stoppedTasksAreForgottenAfterRetention() {
    Task t = launch(definition("old", false), null);
    clock.advance(STEP.multipliedBy(4));
    lifecycle.requestStop(t.taskArn(), StopCodes.USER_INITIATED, "x");
    clock.advance(Duration.ofMinutes(30));
    assertThat(store.get(t.taskArn())).isPresent();
    clock.advance(Duration.ofMinutes(32));
    assertThat(store.get(t.taskArn())).isEmpty();
  }

  private Task launch(TaskDefinition def, AwsVpcConfiguration vpc) {
    return launch(def, vpc, null);
  }

  private Task launch(TaskDefinition def, AwsVpcConfiguration vpc, ManagedEbsVolume volume) {
    definitions.add(def);
    Task t =
        TaskFactory.create(
            new TaskFactory.Spec(
                CLUSTER,
                def,
                new Placement("EC2", null, null, "us-east-1a"),
                null,
                vpc,
                "family:" + def.family(),
                null,
                false,
                null,
                volume),
            clock.now());
    lifecycle.create(List.of(t), def);
    return t;
  }

  private Task current(Task t) {
    return store.get(t.taskArn()).orElseThrow();
  }

  private static TaskDefinition definition(String family, boolean healthCheck) {
    ContainerDefinition.Builder c =
        ContainerDefinition.builder().name("main").image("nginx").essential(true).memory(128);
    if (healthCheck) {
      c.healthCheck(h -> h.command("CMD-SHELL", "true"));
    }
    return TaskDefinition.builder()
        .family(family)
        .revision(1)
        .status("ACTIVE")
        .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/" + family + ":1")
        .networkMode("bridge")
        .containerDefinitions(c.build())
        .build();
  }

  private static ContainerDefinition container(
      String name, boolean essential, String env, String value) {
    ContainerDefinition.Builder c =
        ContainerDefinition.builder().name(name).image("busybox").essential(essential);
    if (env != null) {
      c.environment(KeyValuePair.builder().name(env).value(value).build());
    }
    return c.build();
  }

  private TaskDefinitionSource source() {
    return new TaskDefinitionSource() {
      @Override
      public Optional<TaskDefinition> resolve(Scope scope, String reference) {
        return Optional.empty();
      }

      @Override
      public Optional<TaskDefinition> byArn(String arn) {
        return definitions.stream().filter(d -> d.taskDefinitionArn().equals(arn)).findFirst();
      }
    };
  }
}
