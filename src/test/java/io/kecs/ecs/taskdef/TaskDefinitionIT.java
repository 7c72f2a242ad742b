package io.kecs.ecs.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionResponse;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;
import software.amazon.awssdk.services.ecs.model.TransportProtocol;

class TaskDefinitionIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  static final String PREFIX = "arn:aws:ecs:us-east-1:000000000000:task-definition/";
  private final EcsClient ecs = kecs.ecs();

  static ContainerDefinition web() {
    return ContainerDefinition.builder()
        .name("web")
        .image("nginx:1.27")
        .memoryReservation(128)
        .portMappings(p -> p.containerPort(80))
        .build();
  }

  static TaskDefinition register(EcsClient ecs, String family) {
    return ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(web()))
        .taskDefinition();
  }

  private void refused(
      Class<? extends EcsException> type,
      String message,
      java.util.function.Consumer<RegisterTaskDefinitionRequest.Builder> request) {
    assertThatThrownBy(() -> ecs.registerTaskDefinition(request))
        .isInstanceOf(type)
        .satisfies(
            e -> assertThat(((EcsException) e).awsErrorDetails().errorMessage()).contains(message));
  }

  @Test
  void registerAnswersTheDefinitionAsEcsStoresIt() {
    RegisterTaskDefinitionResponse registered =
        ecs.registerTaskDefinition(
            r ->
                r.family("web")
                    .containerDefinitions(web())
                    .tags(Tag.builder().key("team").value("a").build()));
    TaskDefinition d = registered.taskDefinition();
    assertThat(d.taskDefinitionArn()).isEqualTo(PREFIX + "web:1");
    assertThat(d.family()).isEqualTo("web");
    assertThat(d.revision()).isEqualTo(1);
    assertThat(d.status()).isEqualTo(TaskDefinitionStatus.ACTIVE);
    assertThat(d.registeredAt()).isNotNull();
    assertThat(d.registeredBy()).isEqualTo("arn:aws:iam::000000000000:root");
    assertThat(d.compatibilities()).containsExactly(Compatibility.EXTERNAL, Compatibility.EC2);
    assertThat(d.hasRequiresCompatibilities()).isFalse();
    assertThat(d.networkMode()).isNull();
    assertThat(d.hasVolumes()).isTrue();
    assertThat(d.requiresAttributes())
        .extracting(Attribute::name)
        .containsExactly("com.amazonaws.ecs.capability.docker-remote-api.1.21");
    ContainerDefinition c = d.containerDefinitions().get(0);
    assertThat(c.essential()).isTrue();
    assertThat(c.cpu()).isZero();
    assertThat(c.hasEnvironment() && c.environment().isEmpty()).isTrue();
    assertThat(c.portMappings().get(0).protocol()).isEqualTo(TransportProtocol.TCP);
    assertThat(c.portMappings().get(0).hostPort()).isNull();
    assertThat(registered.tags()).containsExactly(Tag.builder().key("team").value("a").build());

    assertThat(register(ecs, "web").revision()).isEqualTo(2);
    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("web")).taskDefinition().revision())
        .isEqualTo(2);
    TaskDefinition first =
        ecs.describeTaskDefinition(r -> r.taskDefinition("web:1")).taskDefinition();
    assertThat(first).isEqualTo(d);
    assertThat(
            ecs.describeTaskDefinition(r -> r.taskDefinition(PREFIX + "web:2"))
                .taskDefinition()
                .revision())
        .isEqualTo(2);
    assertThat(
            ecs.describeTaskDefinition(
                    r -> r.taskDefinition("web:1").include(TaskDefinitionField.TAGS))
                .tags())
        .containsExactly(Tag.builder().key("team").value("a").build());
    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("web:1")).hasTags()).isFalse();
  }

  @Test
  void fargateSizesAreConvertedAndChecked() {
    TaskDefinition d =
        ecs.registerTaskDefinition(
                r ->
                    r.family("api")
                        .requiresCompatibilities(Compatibility.FARGATE)
                        .networkMode(NetworkMode.AWSVPC)
                        .cpu("1 vCPU")
                        .memory("2 GB")
                        .executionRoleArn("arn:aws:iam::000000000000:role/exec")
                        .containerDefinitions(
                            web().toBuilder()
                                .logConfiguration(
                                    l ->
                                        l.logDriver("awslogs")
                                            .options(
                                                java.util.Map.of(
                                                    "awslogs-group", "/ecs/api",
                                                    "awslogs-region", "us-east-1",
                                                    "awslogs-stream-prefix", "api")))
                                .build()))
            .taskDefinition();
    assertThat(d.cpu()).isEqualTo("1024");
    assertThat(d.memory()).isEqualTo("2048");
    assertThat(d.requiresCompatibilities()).containsExactly(Compatibility.FARGATE);
    assertThat(d.compatibilities()).containsExactly(Compatibility.EC2, Compatibility.FARGATE);
    assertThat(d.containerDefinitions().get(0).portMappings().get(0).hostPort()).isEqualTo(80);
    assertThat(d.requiresAttributes())
        .extracting(Attribute::name)
        .contains(
            "ecs.capability.task-eni",
            "com.amazonaws.ecs.capability.logging-driver.awslogs",
            "ecs.capability.execution-role-awslogs");

    refused(
        ClientException.class,
        "No Fargate configuration exists for given values: 256 CPU, 4096 memory.",
        r -> fargate(r).cpu("256").memory("4 GB"));
    refused(
        ClientException.class,
        "Fargate only supports network mode 'awsvpc'.",
        r -> fargate(r).networkMode(NetworkMode.BRIDGE));
    refused(
        ClientException.class,
        "Fargate requires that 'cpu' be defined at the task level.",
        r -> fargate(r).cpu(null));
    refused(
        InvalidParameterException.class,
        "Invalid 'cpu' setting for task.",
        r -> fargate(r).cpu("one vCPU"));
  }

  private static RegisterTaskDefinitionRequest.Builder fargate(
      RegisterTaskDefinitionRequest.Builder r) {
    return r.family("f")
        .requiresCompatibilities(Compatibility.FARGATE)
        .networkMode(NetworkMode.AWSVPC)
        .cpu("256")
        .memory("512")
        .containerDefinitions(web());
  }

  @Test
  void invalidDefinitionsAreRefusedWithEcsErrors() {
    refused(
        ClientException.class,
        "When networkMode=awsvpc, the host ports and container ports in port mappings must match.",
        r ->
            r.family("x")
                .networkMode(NetworkMode.AWSVPC)
                .containerDefinitions(
                    web().toBuilder()
                        .portMappings(p -> p.containerPort(80).hostPort(8080))
                        .build()));
    refused(
        ClientException.class,
        "Invalid 'containerPort' setting for container 'web'.",
        r ->
            r.family("x")
                .containerDefinitions(
                    web().toBuilder().portMappings(p -> p.containerPort(0)).build()));
    refused(
        ClientException.class,
        "Links are only supported when networkMode=bridge.",
        r ->
            r.family("x")
                .networkMode(NetworkMode.HOST)
                .containerDefinitions(
                    web().toBuilder().links("db").build(),
                    ContainerDefinition.builder().name("db").image("db").memory(64).build()));
    refused(
        ClientException.class,
        "Container.image should not be null or empty.",
        r -> r.family("x").containerDefinitions(web().toBuilder().image(null).build()));
    refused(
        ClientException.class,
        "At least one of 'memory' or 'memoryReservation' must be specified.",
        r -> r.family("x").containerDefinitions(c -> c.name("a").image("busybox")));
    refused(
        ClientException.class,
        "Invalid family name",
        r -> r.family("no spaces").containerDefinitions(web()));
    refused(
        InvalidParameterException.class,
        "reserved for AWS use",
        r ->
            r.family("x")
                .containerDefinitions(web())
                .tags(Tag.builder().key("AWS:owner").value("me").build()));
    // Nothing was registered by the refused calls.
    assertThat(ecs.listTaskDefinitionFamilies(r -> {}).families()).isEmpty();
  }

  @Test
  void deregisterAndDeleteFollowTheLifecycle() {
    for (int i = 0; i < 3; i++) {
      register(ecs, "life");
    }
    assertThatThrownBy(() -> ecs.deregisterTaskDefinition(r -> r.taskDefinition("life")))
        .isInstanceOf(ClientException.class);
    assertThatThrownBy(() -> ecs.deregisterTaskDefinition(r -> r.taskDefinition("life:9")))
        .isInstanceOf(ClientException.class);
    TaskDefinition inactive =
        ecs.deregisterTaskDefinition(r -> r.taskDefinition("life:3")).taskDefinition();
    assertThat(inactive.status()).isEqualTo(TaskDefinitionStatus.INACTIVE);
    assertThat(inactive.deregisteredAt()).isNotNull();
    // The latest ACTIVE revision is now 2; revision 3 is still describable by number.
    assertThat(
            ecs.describeTaskDefinition(r -> r.taskDefinition("life")).taskDefinition().revision())
        .isEqualTo(2);
    assertThat(
            ecs.describeTaskDefinition(r -> r.taskDefinition("life:3")).taskDefinition().status())
        .isEqualTo(TaskDefinitionStatus.INACTIVE);
    ecs.deregisterTaskDefinition(r -> r.taskDefinition(PREFIX + "life:1"));

    DeleteTaskDefinitionsResponse deleted =
        ecs.deleteTaskDefinitions(
            r -> r.taskDefinitions("life:1", PREFIX + "life:2", "life:99", "life", "life:3"));
    assertThat(deleted.taskDefinitions())
        .extracting(TaskDefinition::revision)
        .containsExactly(1, 3);
    assertThat(deleted.taskDefinitions())
        .allSatisfy(
            d -> {
              assertThat(d.status()).isEqualTo(TaskDefinitionStatus.DELETE_IN_PROGRESS);
              assertThat(d.deleteRequestedAt()).isNotNull();
            });
    assertThat(deleted.failures())
        .extracting(f -> f.arn() + " " + f.reason())
        .containsExactly(
            PREFIX
                + "life:2 The specified task definition is still in ACTIVE status. Please"
                + " deregister the target before proceeding with delete.",
            PREFIX + "life:99 The specified task definition does not exist.",
            "life Invalid task definition identifier. Specify family:revision or the full ARN.");
    assertThat(ecs.listTaskDefinitions(r -> r.status("DELETE_IN_PROGRESS")).taskDefinitionArns())
        .containsExactly(PREFIX + "life:1", PREFIX + "life:3");
    assertThat(ecs.listTaskDefinitions(r -> r.status("INACTIVE")).taskDefinitionArns()).isEmpty();
    assertThat(
            ecs.describeTaskDefinition(r -> r.taskDefinition("life:1")).taskDefinition().status())
        .isEqualTo(TaskDefinitionStatus.DELETE_IN_PROGRESS);
    assertThatThrownBy(() -> ecs.deregisterTaskDefinition(r -> r.taskDefinition("life:1")))
        .isInstanceOf(ClientException.class);
    assertThatThrownBy(() -> ecs.deleteTaskDefinitions(r -> r.taskDefinitions(List.of())))
        .isInstanceOf(InvalidParameterException.class);

    // Revisions are never reused, even after deletion; a family with no ACTIVE revision is not
    // describable by name.
    ecs.deregisterTaskDefinition(r -> r.taskDefinition("life:2"));
    assertThatThrownBy(() -> ecs.describeTaskDefinition(r -> r.taskDefinition("life")))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("Unable to describe task definition.");
    assertThat(register(ecs, "life").revision()).isEqualTo(4);
  }

  @Test
  void describeRefusesWhatDoesNotExist() {
    register(ecs, "d");
    for (String missing :
        List.of(
            "nope",
            "d:2",
            "d:0",
            "d:x",
            PREFIX + "d",
            PREFIX.replace("task-", "daemon-task-") + "d:1",
            "arn:aws:ecs:eu-west-1:000000000000:task-definition/d:1")) {
      assertThatThrownBy(() -> ecs.describeTaskDefinition(r -> r.taskDefinition(missing)))
          .as(missing)
          .isInstanceOf(ClientException.class)
          .hasMessageContaining("Unable to describe task definition.");
    }
  }

  @Test
  void taskDefinitionsAreTaggableAndSeparatePerAccount() {
    String arn = register(ecs, "tagged").taskDefinitionArn();
    ecs.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("k").value("v").build()));
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .containsExactly(Tag.builder().key("k").value("v").build());
    ecs.untagResource(r -> r.resourceArn(arn).tagKeys("k"));
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags()).isEmpty();
    assertThatThrownBy(() -> ecs.listTagsForResource(r -> r.resourceArn(PREFIX + "tagged:2")))
        .isInstanceOf(ResourceNotFoundException.class);
    try (EcsClient other = kecs.client("111122223333", Region.US_EAST_1)) {
      assertThat(other.listTaskDefinitions(r -> {}).taskDefinitionArns()).isEmpty();
      assertThatThrownBy(() -> other.describeTaskDefinition(r -> r.taskDefinition(arn)))
          .isInstanceOf(ClientException.class);
      assertThat(register(other, "tagged").taskDefinitionArn())
          .isEqualTo("arn:aws:ecs:us-east-1:111122223333:task-definition/tagged:1");
    }
  }
}
