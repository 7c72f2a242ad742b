package io.kecs.ecs.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;

class TaskDefinitionValidatorTest {
  private static ContainerDefinition web() {
    return ContainerDefinition.builder().name("web").image("nginx:1.27").memory(256).build();
  }

  private static RegisterTaskDefinitionRequest.Builder request(ContainerDefinition... containers) {
    return RegisterTaskDefinitionRequest.builder().family("app").containerDefinitions(containers);
  }

  private static RegisterTaskDefinitionRequest.Builder fargate(ContainerDefinition... containers) {
    return request(containers)
        .requiresCompatibilities(Compatibility.FARGATE)
        .networkMode(NetworkMode.AWSVPC)
        .cpu("256")
        .memory("512");
  }

  private static TaskDefinitionValidator.Checked check(RegisterTaskDefinitionRequest.Builder r) {
    return TaskDefinitionValidator.validate(r.build());
  }

  private static void refused(RegisterTaskDefinitionRequest.Builder r, String message) {
    assertThatThrownBy(() -> check(r))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining(message);
  }

  private static ContainerDefinition web(UnaryOperator<ContainerDefinition.Builder> change) {
    return change.apply(web().toBuilder()).build();
  }

  @Test
  void ecsDefaultsAreFilledIn() {
    TaskDefinitionValidator.Checked checked = check(request(web()));
    ContainerDefinition c = checked.containers().get(0);
    assertThat(c.essential()).isTrue();
    assertThat(c.cpu()).isZero();
    assertThat(c.hasEnvironment()).isTrue();
    assertThat(c.environment()).isEmpty();
    assertThat(c.hasMountPoints() && c.hasVolumesFrom() && c.hasPortMappings()).isTrue();
    assertThat(checked.mode()).isEqualTo(NetworkMode.BRIDGE);
    assertThat(checked.compatibilities())
        .containsExactly(Compatibility.EXTERNAL, Compatibility.EC2);
    ContainerDefinition checkedHealth =
        check(request(web(b -> b.healthCheck(h -> h.command("CMD", "true"))))).containers().get(0);
    assertThat(checkedHealth.healthCheck().interval()).isEqualTo(30);
    assertThat(checkedHealth.healthCheck().timeout()).isEqualTo(5);
    assertThat(checkedHealth.healthCheck().retries()).isEqualTo(3);
  }

  @Test
  void fargateNeedsAwsvpcAndATaskSizeFromTheTable() {
    TaskDefinitionValidator.Checked ok = check(fargate(web()).cpu("1 vCPU").memory("2 GB"));
    assertThat(ok.size()).isEqualTo(new TaskSize(1024, 2048));
    assertThat(ok.compatibilities()).containsExactly(Compatibility.EC2, Compatibility.FARGATE);
    refused(fargate(web()).networkMode(NetworkMode.BRIDGE), "Fargate only supports network mode");
    refused(fargate(web()).networkMode((NetworkMode) null), "Fargate only supports network mode");
    refused(fargate(web()).cpu(null), "Fargate requires that 'cpu' be defined at the task level.");
    refused(
        fargate(web()).memory(null),
        "Fargate requires that 'memory' be defined at the task level.");
    refused(
        fargate(web()).cpu("512").memory("512"),
        "No Fargate configuration exists for given values: 512 CPU, 512 memory.");
    refused(fargate(web(b -> b.privileged(true))), "'privileged' parameter is not supported");
    refused(
        fargate(web(b -> b.logConfiguration(l -> l.logDriver("awslogs").options(awslogs())))),
        "Fargate requires task definition to have execution role ARN to support log driver"
            + " awslogs.");
    refused(
        fargate(web(b -> b.logConfiguration(l -> l.logDriver("awslogs").options(awslogs()))))
            .executionRoleArn("arn:aws:iam::000000000000:role/exec"),
        "Fargate requires log configuration options to include awslogs-stream-prefix to support"
            + " log driver awslogs.");
    java.util.Map<String, String> prefixed = new java.util.HashMap<>(awslogs());
    prefixed.put("awslogs-stream-prefix", "web");
    assertThat(
            check(
                    fargate(
                            web(
                                b ->
                                    b.logConfiguration(
                                        l -> l.logDriver("awslogs").options(prefixed))))
                        .executionRoleArn("arn:aws:iam::000000000000:role/exec"))
                .compatibilities())
        .contains(Compatibility.FARGATE);
  }

  @Test
  void compatibilitiesFollowTheRulesEvenWhenNotRequired() {
    // awsvpc with a Fargate size fits Fargate but not EXTERNAL.
    assertThat(
            check(fargate(web()).requiresCompatibilities((List<Compatibility>) null))
                .compatibilities())
        .containsExactly(Compatibility.EC2, Compatibility.FARGATE);
    // EXTERNAL refuses awsvpc when required.
    refused(
        request(web())
            .networkMode(NetworkMode.AWSVPC)
            .requiresCompatibilities(Compatibility.EXTERNAL),
        "EXTERNAL launch type does not support network mode 'awsvpc'");
    assertThat(
            check(
                    request(web())
                        .networkMode(NetworkMode.HOST)
                        .requiresCompatibilities(Compatibility.MANAGED_INSTANCES))
                .compatibilities())
        .containsExactly(
            Compatibility.EXTERNAL, Compatibility.EC2, Compatibility.MANAGED_INSTANCES);
  }

  @Test
  void memoryRules() {
    ContainerDefinition noMemory = web(b -> b.memory(null));
    refused(
        request(noMemory), "At least one of 'memory' or 'memoryReservation' must be specified.");
    assertThat(check(request(noMemory).memory("1 GB")).size().memory()).isEqualTo(1024);
    check(request(web(b -> b.memory(null).memoryReservation(128))));
    refused(
        request(web(b -> b.memory(128).memoryReservation(256))),
        "'memory' must be greater than or equal to 'memoryReservation'");
    refused(request(web()).memory("128"), "The 'memory' setting for container 'web' is greater");
    refused(
        request(web(b -> b.cpu(512))).cpu("256"),
        "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.");
    refused(request(web(b -> b.memory(2))), "The minimum is 4 MiB");
  }

  @Test
  void networkModeRules() {
    ContainerDefinition linked = web(b -> b.links("db:database"));
    ContainerDefinition db =
        ContainerDefinition.builder().name("db").image("postgres").memory(256).build();
    check(request(linked, db));
    refused(request(linked, db).networkMode(NetworkMode.AWSVPC), "Links are only supported");
    refused(request(web(b -> b.links("nope"))), "Link 'nope' does not name another container");
    refused(
        request(web(b -> b.hostname("h"))).networkMode(NetworkMode.AWSVPC),
        "hostname parameter is not supported");
    refused(
        request(web(b -> b.portMappings(p -> p.containerPort(80).hostPort(81))))
            .networkMode(NetworkMode.AWSVPC),
        "When networkMode=awsvpc, the host ports and container ports in port mappings must match.");
  }

  @Test
  void containerRules() {
    refused(request(web(b -> b.image(null))), "Container.image should not be null or empty.");
    refused(
        request(web(b -> b.image("bad image"))), "Invalid 'image' setting for container 'web'.");
    refused(request(web(), web()), "Duplicate container name 'web'");
    refused(request(web(b -> b.name("bad name"))), "Invalid container name 'bad name'");
    refused(request(web(b -> b.essential(false))), "must be essential");
    List<ContainerDefinition> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add(web().toBuilder().name("c" + i).build());
    }
    refused(request(eleven.toArray(ContainerDefinition[]::new)), "Too many containers.");
    refused(request(), "Container list cannot be empty.");
    refused(
        request(web(b -> b.mountPoints(m -> m.sourceVolume("data").containerPath("/d")))),
        "The source volume 'data' is not defined");
    check(
        request(web(b -> b.mountPoints(m -> m.sourceVolume("data").containerPath("/d"))))
            .volumes(v -> v.name("data")));
    refused(
        request(
            web(
                b ->
                    b.secrets(s -> s.name("PW").valueFrom("arn:aws:ssm:us-east-1:1:parameter/p")))),
        "you must also specify a value for 'executionRoleArn'");
    refused(
        request(web(b -> b.logConfiguration(l -> l.logDriver("awslogs")))),
        "Log driver awslogs requires options: awslogs-region, awslogs-group");
    refused(
        request(web(b -> b.healthCheck(h -> h.command("CMD", "true").interval(1)))),
        "'healthCheck.interval'");
  }

  @Test
  void dependencyRules() {
    ContainerDefinition init =
        ContainerDefinition.builder()
            .name("init")
            .image("busybox")
            .memory(16)
            .essential(false)
            .build();
    check(request(web(b -> b.dependsOn(d -> d.containerName("init").condition("SUCCESS"))), init));
    refused(
        request(web(b -> b.dependsOn(d -> d.containerName("ghost").condition("START")))),
        "Container 'ghost' is not defined");
    refused(
        request(
            web(b -> b.dependsOn(d -> d.containerName("init").condition("COMPLETE"))),
            init.toBuilder().essential(true).build()),
        "A dependency container with SUCCESS or COMPLETE condition cannot be an essential"
            + " container");
    refused(
        request(web(b -> b.dependsOn(d -> d.containerName("init").condition("HEALTHY"))), init),
        "requires container 'init' to have a health check");
    refused(
        request(
            web(b -> b.dependsOn(d -> d.containerName("init").condition("START"))),
            init.toBuilder().dependsOn(d -> d.containerName("web").condition("START")).build()),
        "form a cycle");
  }

  @Test
  void familyAndTags() {
    refused(request(web()).family("bad family!"), "Invalid family name 'bad family!'");
    refused(request(web()).family("x".repeat(256)), "Invalid family name");
    assertThatThrownBy(
            () -> check(request(web()).tags(Tag.builder().key("aws:owner").value("x").build())))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> check(request(web()).cpu("lots")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("Invalid 'cpu' setting for task.");
  }

  private static java.util.Map<String, String> awslogs() {
    return java.util.Map.of("awslogs-group", "/ecs/app", "awslogs-region", "us-east-1");
  }
}
