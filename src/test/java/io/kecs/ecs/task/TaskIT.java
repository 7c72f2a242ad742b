package io.kecs.ecs.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** Standalone tasks through the AWS SDK, on the simulated runtime. */
class TaskIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  private void fargateDefinition(String family, KeyValuePair... env) {
    ecs.registerTaskDefinition(
        r ->
            r.family(family)
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .containerDefinitions(c -> c.name("app").image("nginx:1.27").environment(env)));
  }

  private RunTaskResponse runFargate(String family, int count) {
    return ecs.runTask(
        r ->
            r.cluster("work")
                .taskDefinition(family)
                .count(count)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345"))));
  }

  @Test
  void runWaitDescribeListStop() {
    ecs.createCluster(r -> r.clusterName("work"));
    fargateDefinition("web");
    RunTaskResponse run = runFargate("web", 2);
    assertThat(run.failures()).isEmpty();
    assertThat(run.tasks())
        .hasSize(2)
        .allSatisfy(
            t -> {
              assertThat(t.lastStatus()).isEqualTo("PROVISIONING");
              assertThat(t.desiredStatus()).isEqualTo("RUNNING");
              assertThat(t.launchType()).isEqualTo(LaunchType.FARGATE);
              assertThat(t.platformVersion()).isEqualTo("1.4.0");
              assertThat(t.cpu()).isEqualTo("256");
              assertThat(t.group()).isEqualTo("family:web");
              assertThat(t.taskArn())
                  .matches("arn:aws:ecs:us-east-1:000000000000:task/work/[0-9a-f]{32}");
            });
    List<String> arns = run.tasks().stream().map(Task::taskArn).toList();

    kecs.waiter().waitUntilTasksRunning(r -> r.cluster("work").tasks(arns));
    List<Task> running = ecs.describeTasks(r -> r.cluster("work").tasks(arns)).tasks();
    assertThat(running)
        .allSatisfy(
            t -> {
              assertThat(t.lastStatus()).isEqualTo("RUNNING");
              assertThat(t.startedAt()).isNotNull();
              assertThat(t.pullStartedAt()).isBeforeOrEqualTo(t.pullStoppedAt());
              assertThat(t.attachments().get(0).status()).isEqualTo("ATTACHED");
              assertThat(t.containers().get(0).networkInterfaces().get(0).privateIpv4Address())
                  .isNotNull();
            });
    assertThat(ecs.describeClusters(r -> r.clusters("work")).clusters().get(0).runningTasksCount())
        .isEqualTo(2);
    assertThat(ecs.listTasks(r -> r.cluster("work")).taskArns())
        .containsExactlyInAnyOrderElementsOf(arns);
    assertThat(ecs.listTasks(r -> r.cluster("work").family("web")).taskArns()).hasSize(2);
    assertThat(ecs.listTasks(r -> r.cluster("work").family("other")).taskArns()).isEmpty();

    Task stopping =
        ecs.stopTask(r -> r.cluster("work").task(arns.get(0)).reason("done here")).task();
    assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
    kecs.waiter().waitUntilTasksStopped(r -> r.cluster("work").tasks(arns.get(0)));
    Task stopped = ecs.describeTasks(r -> r.cluster("work").tasks(arns.get(0))).tasks().get(0);
    assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
    assertThat(stopped.stoppedReason()).isEqualTo("done here");
    assertThat(stopped.containers().get(0).exitCode()).isZero();
    assertThat(ecs.listTasks(r -> r.cluster("work")).taskArns()).containsExactly(arns.get(1));
    assertThat(
            ecs.listTasks(r -> r.cluster("work").desiredStatus(DesiredStatus.STOPPED)).taskArns())
        .containsExactly(arns.get(0));
  }

  @Test
  void essentialExitAndPullFailuresAreReportedAsOnEcs() {
    ecs.createCluster(r -> r.clusterName("work"));
    fargateDefinition(
        "job", KeyValuePair.builder().name("KECS_SIMULATE_EXIT_CODE").value("2").build());
    fargateDefinition(
        "bad", KeyValuePair.builder().name("KECS_SIMULATE_PULL_ERROR").value("not found").build());
    String job = runFargate("job", 1).tasks().get(0).taskArn();
    String bad = runFargate("bad", 1).tasks().get(0).taskArn();
    kecs.waiter().waitUntilTasksStopped(r -> r.cluster("work").tasks(job, bad));
    List<Task> tasks = ecs.describeTasks(r -> r.cluster("work").tasks(job, bad)).tasks();
    Task jobTask = tasks.stream().filter(t -> t.taskArn().equals(job)).findFirst().orElseThrow();
    Task badTask = tasks.stream().filter(t -> t.taskArn().equals(bad)).findFirst().orElseThrow();
    assertThat(jobTask.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(jobTask.containers().get(0).exitCode()).isEqualTo(2);
    assertThat(badTask.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(badTask.stoppedReason()).startsWith("CannotPullContainerError");
  }

  @Test
  void tagsOverridesAndIdempotency() {
    ecs.createCluster(r -> r.clusterName("work"));
    fargateDefinition("web");
    RunTaskResponse first =
        ecs.runTask(
            r ->
                r.cluster("work")
                    .taskDefinition("web")
                    .launchType(LaunchType.FARGATE)
                    .clientToken("token-1")
                    .tags(t -> t.key("team").value("a"))
                    .overrides(o -> o.containerOverrides(c -> c.name("app").command("echo", "hi")))
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
    RunTaskResponse again =
        ecs.runTask(
            r ->
                r.cluster("work")
                    .taskDefinition("web")
                    .launchType(LaunchType.FARGATE)
                    .clientToken("token-1")
                    .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
    assertThat(again.tasks())
        .extracting(Task::taskArn)
        .containsExactly(first.tasks().get(0).taskArn());
    String arn = first.tasks().get(0).taskArn();
    Task described =
        ecs.describeTasks(r -> r.cluster("work").tasks(arn).include(TaskField.TAGS)).tasks().get(0);
    assertThat(described.tags()).hasSize(1);
    assertThat(described.overrides().containerOverrides().get(0).command())
        .containsExactly("echo", "hi");
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()).hasSize(1);
  }

  @Test
  void errorsAreTheOnesEcsGives() {
    ecs.createCluster(r -> r.clusterName("work"));
    fargateDefinition("web");
    assertThatThrownBy(
            () ->
                ecs.runTask(
                    r -> r.cluster("work").taskDefinition("nope").launchType(LaunchType.FARGATE)))
        .isInstanceOf(ClientException.class);
    assertThatThrownBy(
            () ->
                ecs.runTask(
                    r -> r.cluster("work").taskDefinition("web").launchType(LaunchType.FARGATE)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Network Configuration must be provided");
    assertThatThrownBy(() -> runFargate("web", 11)).isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("nowhere").taskDefinition("web")))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(
            () ->
                ecs.runTask(
                    r ->
                        r.cluster("work")
                            .taskDefinition("web")
                            .launchType(LaunchType.FARGATE)
                            .capacityProviderStrategy(s -> s.capacityProvider("FARGATE").weight(1))
                            .networkConfiguration(
                                n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () -> ecs.stopTask(r -> r.cluster("work").task("0123456789abcdef0123456789abcdef")))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(
            ecs.describeTasks(r -> r.cluster("work").tasks("0123456789abcdef0123456789abcdef"))
                .failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
  }

  @Test
  void ec2TasksNeedContainerInstancesWithRoom() {
    ecs.createCluster(r -> r.clusterName("work"));
    ecs.registerTaskDefinition(
        r -> r.family("big").containerDefinitions(c -> c.name("app").image("nginx").memory(3000)));
    assertThatThrownBy(() -> ecs.runTask(r -> r.cluster("work").taskDefinition("big")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("No Container Instances were found");
    String instance =
        ecs.registerContainerInstance(
                r ->
                    r.cluster("work")
                        .instanceIdentityDocument(
                            "{\"instanceId\":\"i-0abc\",\"region\":\"us-east-1\",\"availabilityZone\":\"us-east-1b\",\"instanceType\":\"t3.medium\"}"))
            .containerInstance()
            .containerInstanceArn();
    RunTaskResponse placed = ecs.runTask(r -> r.cluster("work").taskDefinition("big"));
    assertThat(placed.tasks())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.containerInstanceArn()).isEqualTo(instance);
              assertThat(t.availabilityZone()).isEqualTo("us-east-1b");
              assertThat(t.launchType()).isEqualTo(LaunchType.EC2);
            });
    RunTaskResponse full = ecs.runTask(r -> r.cluster("work").taskDefinition("big"));
    assertThat(full.tasks()).isEmpty();
    assertThat(full.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("RESOURCE:MEMORY"));
    var refused =
        ecs.startTask(
            r ->
                r.cluster("work")
                    .taskDefinition("big")
                    .containerInstances(instance, "0123456789abcdef0123456789abcdef"));
    assertThat(refused.tasks()).isEmpty();
    assertThat(refused.failures())
        .extracting(f -> f.reason())
        .containsExactly("RESOURCE:MEMORY", "MISSING");
    ecs.registerTaskDefinition(
        r -> r.family("small").containerDefinitions(c -> c.name("app").image("nginx").memory(256)));
    var started =
        ecs.startTask(r -> r.cluster("work").taskDefinition("small").containerInstances(instance));
    assertThat(started.tasks())
        .singleElement()
        .satisfies(t -> assertThat(t.containerInstanceArn()).isEqualTo(instance));
    List<String> onInstance =
        new ArrayList<>(
            ecs.listTasks(r -> r.cluster("work").containerInstance(instance)).taskArns());
    assertThat(onInstance).hasSize(2);
  }

  private String instanceOf(String cluster, String id, String provider) {
    return ecs.registerContainerInstance(
            r -> {
              r.cluster(cluster)
                  .instanceIdentityDocument(
                      "{\"instanceId\":\""
                          + id
                          + "\",\"region\":\"us-east-1\",\"instanceType\":\"m5.large\"}");
              if (provider != null) {
                r.attributes(a -> a.name("ecs.capacity-provider-name").value(provider));
              }
            })
        .containerInstance()
        .containerInstanceArn();
  }

  @Test
  void tasksOfAnAutoScalingGroupProviderGoOnlyToItsInstances() {
    for (String name : List.of("batch", "spare")) {
      ecs.createCapacityProvider(
          r ->
              r.name(name)
                  .autoScalingGroupProvider(
                      a ->
                          a.autoScalingGroupArn(
                              "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:"
                                  + "5098c24f-d26e-4e9c-9bd8-8d88de1ec613:autoScalingGroupName/"
                                  + name)));
    }
    ecs.createCluster(r -> r.clusterName("asg").capacityProviders("batch", "spare"));
    String batch = instanceOf("asg", "i-0batch", "batch");
    instanceOf("asg", "i-0other", null);
    ecs.registerTaskDefinition(
        r -> r.family("job").containerDefinitions(c -> c.name("app").image("busybox").memory(64)));
    RunTaskResponse placed =
        ecs.runTask(
            r ->
                r.cluster("asg")
                    .taskDefinition("job")
                    .count(6)
                    .capacityProviderStrategy(s -> s.capacityProvider("batch").weight(1)));
    assertThat(placed.failures()).isEmpty();
    assertThat(placed.tasks())
        .hasSize(6)
        .allSatisfy(
            t -> {
              assertThat(t.containerInstanceArn()).isEqualTo(batch);
              assertThat(t.capacityProviderName()).isEqualTo("batch");
            });
    RunTaskResponse none =
        ecs.runTask(
            r ->
                r.cluster("asg")
                    .taskDefinition("job")
                    .capacityProviderStrategy(s -> s.capacityProvider("spare").weight(1)));
    assertThat(none.tasks()).isEmpty();
    assertThat(none.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.arn()).endsWith(":capacity-provider/spare");
              assertThat(f.reason()).isEqualTo("MISSING");
            });
  }
}
