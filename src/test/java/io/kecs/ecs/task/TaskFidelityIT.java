package io.kecs.ecs.task;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.ecs.instance.Ec2Instances;
import io.kecs.testing.KecsTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
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
}
