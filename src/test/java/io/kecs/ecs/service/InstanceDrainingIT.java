package io.kecs.ecs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.ecs.instance.Ec2Instances;
import io.kecs.testing.KecsTestServer;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.PlacementStrategyType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A DRAINING container instance through the AWS SDK: the service's task on it moves to another
 * instance (started there first, then stopped), a standalone task stays, and nothing new is placed
 * on it.
 */
class InstanceDrainingIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  private String instance(String id) {
    return ecs.registerContainerInstance(
            r ->
                r.cluster("drain")
                    .instanceIdentityDocument(Ec2Instances.document(id, "m5.large", "us-east-1a"))
                    .instanceIdentityDocumentSignature("c2lnbmF0dXJl")
                    .versionInfo(Ec2Instances.AGENT)
                    .totalResources(Ec2Instances.M5_LARGE))
        .containerInstance()
        .containerInstanceArn();
  }

  private List<Task> serviceTasks(DesiredStatus desired) {
    List<String> arns =
        ecs.listTasks(r -> r.cluster("drain").serviceName("web").desiredStatus(desired)).taskArns();
    return arns.isEmpty()
        ? List.of()
        : ecs.describeTasks(r -> r.cluster("drain").tasks(arns)).tasks();
  }

  private Service describe() {
    return ecs.describeServices(r -> r.cluster("drain").services("web")).services().get(0);
  }

  private void await(String what, Predicate<Void> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.test(null)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; service: " + describe());
      }
      Thread.sleep(50);
    }
  }

  @Test
  void serviceTasksMoveOffADrainingInstanceAndStandaloneTasksStay() throws Exception {
    ecs.createCluster(r -> r.clusterName("drain"));
    String a = instance("i-00000000000000a01");
    String b = instance("i-00000000000000b01");
    String def =
        ecs.registerTaskDefinition(
                r ->
                    r.family("web")
                        .containerDefinitions(
                            c -> c.name("web").image("nginx").cpu(256).memory(256).essential(true)))
            .taskDefinition()
            .taskDefinitionArn();
    ecs.createService(
        r ->
            r.cluster("drain")
                .serviceName("web")
                .taskDefinition(def)
                .desiredCount(2)
                .launchType(LaunchType.EC2)
                .placementStrategy(s -> s.type(PlacementStrategyType.SPREAD).field("instanceId")));
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("drain").services("web"));
    assertThat(serviceTasks(DesiredStatus.RUNNING))
        .extracting(Task::containerInstanceArn)
        .containsExactlyInAnyOrder(a, b);
    Task standalone =
        ecs.startTask(r -> r.cluster("drain").taskDefinition(def).containerInstances(a))
            .tasks()
            .get(0);
    String drainedTask =
        serviceTasks(DesiredStatus.RUNNING).stream()
            .filter(t -> a.equals(t.containerInstanceArn()))
            .findFirst()
            .orElseThrow()
            .taskArn();

    ecs.updateContainerInstancesState(
        r -> r.cluster("drain").containerInstances(a).status(ContainerInstanceStatus.DRAINING));

    await(
        "the service's tasks to run on the other instance only",
        x -> {
          List<Task> running = serviceTasks(DesiredStatus.RUNNING);
          return running.size() == 2
              && running.stream()
                  .allMatch(
                      t -> b.equals(t.containerInstanceArn()) && "RUNNING".equals(t.lastStatus()));
        });
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("drain").services("web"));
    // Completion waits for the stabilisation window.
    await(
        "the deployment to complete",
        x -> "COMPLETED".equals(describe().deployments().get(0).rolloutStateAsString()));
    Service steady = describe();
    assertThat(steady.runningCount()).isEqualTo(2);
    assertThat(steady.deployments()).singleElement();
    assertThat(steady.deployments().get(0).rolloutStateAsString()).isEqualTo("COMPLETED");

    Task stopped = ecs.describeTasks(r -> r.cluster("drain").tasks(drainedTask)).tasks().get(0);
    assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stoppedReason())
        .isEqualTo("Task stopped because the container instance is draining");
    assertThat(stopped.stopCodeAsString()).isEqualTo("ServiceSchedulerInitiated");

    Task still =
        ecs.describeTasks(r -> r.cluster("drain").tasks(standalone.taskArn())).tasks().get(0);
    assertThat(still.desiredStatus()).as("standalone tasks are not drained").isEqualTo("RUNNING");

    // Nothing new lands on the DRAINING instance: scaling out uses the other one.
    ecs.updateService(r -> r.cluster("drain").service("web").desiredCount(3));
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("drain").services("web"));
    assertThat(serviceTasks(DesiredStatus.RUNNING))
        .hasSize(3)
        .allSatisfy(t -> assertThat(t.containerInstanceArn()).isEqualTo(b));

    // Back to ACTIVE: placement may use the instance again (spread picks the emptier one).
    ecs.updateContainerInstancesState(
        r -> r.cluster("drain").containerInstances(a).status(ContainerInstanceStatus.ACTIVE));
    ecs.updateService(r -> r.cluster("drain").service("web").desiredCount(4));
    kecs.waiter().waitUntilServicesStable(r -> r.cluster("drain").services("web"));
    assertThat(serviceTasks(DesiredStatus.RUNNING)).hasSize(4);
  }
}
