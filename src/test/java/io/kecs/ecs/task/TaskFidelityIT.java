package io.kecs.ecs.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.ecs.instance.Ec2Instances;
import io.kecs.testing.KecsTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PidMode;
import software.amazon.awssdk.services.ecs.model.Task;

/** Task behaviour checked against what ECS answers (issue 11), through the AWS SDK. */
class TaskFidelityIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  private void fargateDefinition(String family) {
    ecs.registerTaskDefinition(
        r ->
            r.family(family)
                .requiresCompatibilities(Compatibility.FARGATE, Compatibility.EC2)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .containerDefinitions(c -> c.name("app").image("nginx:1.27")));
  }

  private List<String> run(String family, LaunchType type, int count) {
    return ecs
        .runTask(
            r ->
                r.cluster("work")
                    .taskDefinition(family)
                    .count(count)
                    .launchType(type)
                    .networkConfiguration(
                        n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345"))))
        .tasks()
        .stream()
        .map(Task::taskArn)
        .toList();
  }

  @Test
  void listTasksFiltersByLaunchType() {
    ecs.createCluster(r -> r.clusterName("work"));
    Ec2Instances.register(ecs, "work", "i-0aaa", "m5.large", "us-east-1a");
    fargateDefinition("web");
    List<String> fargate = run("web", LaunchType.FARGATE, 2);
    List<String> ec2 = run("web", LaunchType.EC2, 1);
    assertThat(ecs.listTasks(r -> r.cluster("work").launchType(LaunchType.FARGATE)).taskArns())
        .containsExactlyInAnyOrderElementsOf(fargate);
    assertThat(ecs.listTasks(r -> r.cluster("work").launchType(LaunchType.EC2)).taskArns())
        .containsExactlyInAnyOrderElementsOf(ec2);
  }

  @Test
  void platformVersionIsRefusedOnEc2() {
    ecs.createCluster(r -> r.clusterName("work"));
    fargateDefinition("web");
    assertThatThrownBy(
            () ->
                ecs.runTask(
                    r ->
                        r.cluster("work")
                            .taskDefinition("web")
                            .launchType(LaunchType.EC2)
                            .platformVersion("1.4.0")
                            .networkConfiguration(
                                n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(
            "The platform version must be null when specifying an EC2 launch type.");
  }

  @Test
  void efsVolumesDefaultToTheFileSystemRoot() {
    var def =
        ecs.registerTaskDefinition(
                r ->
                    r.family("files")
                        .containerDefinitions(c -> c.name("app").image("nginx").memory(128))
                        .volumes(
                            v ->
                                v.name("data")
                                    .efsVolumeConfiguration(
                                        e -> e.fileSystemId("fs-0123456789abcdef0"))))
            .taskDefinition();
    assertThat(def.volumes().get(0).efsVolumeConfiguration().rootDirectory()).isEqualTo("/");
  }

  @Test
  void refusalsUseEcsWording() {
    ecs.createCluster(r -> r.clusterName("work"));
    assertThatThrownBy(
            () ->
                ecs.registerTaskDefinition(
                    r ->
                        r.family("pid")
                            .requiresCompatibilities(Compatibility.FARGATE)
                            .networkMode(NetworkMode.AWSVPC)
                            .cpu("256")
                            .memory("512")
                            .pidMode(PidMode.HOST)
                            .containerDefinitions(c -> c.name("app").image("nginx"))))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining(
            "Tasks using the Fargate launch type do not support pidMode 'host'. The supported"
                + " value for pidMode is 'task'.");
    fargateDefinition("web");
    assertThatThrownBy(
            () -> ecs.startTask(r -> r.cluster("work").taskDefinition("web").containerInstances()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Container instance cannot be empty.");
    assertThatThrownBy(() -> ecs.stopTask(r -> r.cluster("work").task("not-a-task-id")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Task Identifier is invalid");
    assertThatThrownBy(
            () -> ecs.stopTask(r -> r.cluster("work").task("0123456789abcdef0123456789abcdef")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("The referenced task was not found.");
  }

  private void bridgeDefinition(String family, int hostPort) {
    ecs.registerTaskDefinition(
        r ->
            r.family(family)
                .networkMode(NetworkMode.BRIDGE)
                .containerDefinitions(
                    c ->
                        c.name("app")
                            .image("nginx")
                            .memory(64)
                            .portMappings(p -> p.containerPort(8080).hostPort(hostPort))));
  }

  private java.util.Set<String> ports(String instanceArn) {
    return ecs
        .describeContainerInstances(r -> r.cluster("work").containerInstances(instanceArn))
        .containerInstances()
        .get(0)
        .remainingResources()
        .stream()
        .filter(res -> res.name().equals("PORTS"))
        .findFirst()
        .orElseThrow()
        .stringSetValue()
        .stream()
        .collect(java.util.stream.Collectors.toSet());
  }

  @Test
  void staticHostPortsAreAResourceDynamicOnesAreNot() throws Exception {
    ecs.createCluster(r -> r.clusterName("work"));
    String instance =
        Ec2Instances.register(ecs, "work", "i-0aaa", "m5.large", "us-east-1a")
            .containerInstanceArn();
    java.util.Set<String> reserved = ports(instance);
    bridgeDefinition("fixed", 80);
    var run = ecs.runTask(r -> r.cluster("work").taskDefinition("fixed").count(2));
    assertThat(run.tasks()).hasSize(1);
    assertThat(run.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo("RESOURCE:PORTS");
              assertThat(f.arn()).isEqualTo(instance);
            });
    var again = ecs.runTask(r -> r.cluster("work").taskDefinition("fixed"));
    assertThat(again.tasks()).isEmpty();
    assertThat(again.failures()).extracting(f -> f.reason()).containsExactly("RESOURCE:PORTS");

    bridgeDefinition("dynamic", 0);
    List<String> dynamic =
        ecs.runTask(r -> r.cluster("work").taskDefinition("dynamic").count(2)).tasks().stream()
            .map(Task::taskArn)
            .toList();
    assertThat(dynamic).hasSize(2);
    kecs.waiter().waitUntilTasksRunning(r -> r.cluster("work").tasks(dynamic));
    var bindings =
        ecs.describeTasks(r -> r.cluster("work").tasks(dynamic)).tasks().stream()
            .flatMap(t -> t.containers().stream())
            .flatMap(c -> c.networkBindings().stream())
            .toList();
    assertThat(bindings).hasSize(2).allSatisfy(b -> assertThat(b.hostPort()).isPositive());
    java.util.Set<String> expected = new java.util.HashSet<>(reserved);
    expected.add("80");
    assertThat(ports(instance)).isEqualTo(expected);

    ecs.createService(
        r ->
            r.cluster("work")
                .serviceName("fixed")
                .taskDefinition("fixed")
                .desiredCount(1)
                .launchType(LaunchType.EC2));
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    boolean event = false;
    while (!event && System.nanoTime() < deadline) {
      event =
          ecs
              .describeServices(r -> r.cluster("work").services("fixed"))
              .services()
              .get(0)
              .events()
              .stream()
              .anyMatch(
                  e ->
                      e.message().contains("was unable to place a task")
                          && e.message().contains("RESOURCE:PORTS"));
      Thread.sleep(100);
    }
    assertThat(event).as("unable to place event naming RESOURCE:PORTS").isTrue();
  }
}
