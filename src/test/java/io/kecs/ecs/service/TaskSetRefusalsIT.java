package io.kecs.ecs.service;

import static io.kecs.ecs.service.TaskSetFixture.CLUSTER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.TaskSetNotFoundException;

/** Task set requests ECS refuses, with the error codes it answers. */
class TaskSetRefusalsIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();
  private final TaskSetFixture f = new TaskSetFixture(kecs);

  @Test
  void invalidRequestsAreRefused() {
    f.createExternal("web", 1);
    String v1 = f.register("nginx:1");
    String unknown = "ecs-svc/1234567890123456789";

    assertThatThrownBy(() -> f.createSet("ghost", v1, 100))
        .isInstanceOf(ServiceNotFoundException.class);
    assertThatThrownBy(
            () -> ecs.createTaskSet(r -> r.cluster("nowhere").service("web").taskDefinition(v1)))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(
            () ->
                ecs.updateTaskSet(
                    r ->
                        r.cluster(CLUSTER)
                            .service("web")
                            .taskSet(unknown)
                            .scale(s -> s.value(10.0))))
        .isInstanceOf(TaskSetNotFoundException.class);
    assertThatThrownBy(
            () -> ecs.deleteTaskSet(r -> r.cluster(CLUSTER).service("web").taskSet(unknown)))
        .isInstanceOf(TaskSetNotFoundException.class);
    assertThatThrownBy(
            () ->
                ecs.updateServicePrimaryTaskSet(
                    r -> r.cluster(CLUSTER).service("web").primaryTaskSet(unknown)))
        .isInstanceOf(TaskSetNotFoundException.class);
    assertThat(
            ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("web").taskSets(unknown))
                .failures())
        .singleElement()
        .satisfies(f -> assertThat(f.reason()).isEqualTo("MISSING"));
    assertThatThrownBy(() -> ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("web")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("TaskSets cannot be empty");
    assertThatThrownBy(
            () ->
                ecs.describeTaskSets(
                    r ->
                        r.cluster(CLUSTER)
                            .service("web")
                            .taskSets(
                                "arn:aws:ecs:us-east-1:000000000000:task/apps/"
                                    + "0123456789abcdef0123456789abcdef")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Task Set Identifier is invalid");

    assertThatThrownBy(() -> f.createSet("web", v1, 150))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.createTaskSet(
                    r ->
                        r.cluster(CLUSTER)
                            .service("web")
                            .taskDefinition(v1)
                            .launchType(LaunchType.FARGATE)
                            .capacityProviderStrategy(s -> s.capacityProvider("FARGATE"))
                            .networkConfiguration(
                                n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.createTaskSet(
                    r ->
                        r.cluster(CLUSTER)
                            .service("web")
                            .taskDefinition(v1)
                            .launchType(LaunchType.FARGATE)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Network Configuration");
    assertThatThrownBy(() -> f.createSet("web", "nope:1", 100)).isInstanceOf(ClientException.class);
    assertThatThrownBy(
            () ->
                ecs.createTaskSet(
                    r ->
                        r.cluster(CLUSTER)
                            .service("web")
                            .taskDefinition(v1)
                            .launchType(LaunchType.FARGATE)
                            .networkConfiguration(
                                n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                            .loadBalancers(
                                lb ->
                                    lb.targetGroupArn(f.targetGroup())
                                        .containerName("app")
                                        .containerPort(8080))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () -> ecs.updateService(r -> r.cluster(CLUSTER).service("web").taskDefinition(v1)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("EXTERNAL");

    for (int i = 0; i < TaskSetRules.MAX_TASK_SETS; i++) {
      f.createSet("web", v1, 0);
    }
    assertThatThrownBy(() -> f.createSet("web", v1, 0))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("5 deployments exist on the service");

    // Services of the ECS controller have no task sets.
    ecs.createService(
        r ->
            r.cluster(CLUSTER)
                .serviceName("rolling")
                .taskDefinition(v1)
                .desiredCount(0)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))));
    assertThatThrownBy(() -> f.createSet("rolling", v1, 100))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(TaskSetRules.NOT_EXTERNAL);
    assertThatThrownBy(
            () ->
                ecs.describeTaskSets(r -> r.cluster(CLUSTER).service("rolling").taskSets(unknown)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(TaskSetRules.NOT_EXTERNAL);
  }
}
