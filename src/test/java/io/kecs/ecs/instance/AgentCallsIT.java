package io.kecs.ecs.instance;

import static io.kecs.ecs.instance.Ec2Instances.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AttachmentStateChange;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerStateChange;
import software.amazon.awssdk.services.ecs.model.DiscoverPollEndpointResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;

/** The calls the ECS agent makes once registered. */
class AgentCallsIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private static final String TASK_ID = "0123456789abcdef0123456789abcdef";
  private final EcsClient ecs = kecs.ecs();

  @Test
  void discoverPollEndpointPointsBackToKecs() {
    ecs.createCluster(r -> r.clusterName("web"));
    ContainerInstance ci = register(ecs, "web", "i-a", "m5.large", "us-east-1a");
    DiscoverPollEndpointResponse answer =
        ecs.discoverPollEndpoint(
            r -> r.cluster("web").containerInstance(ci.containerInstanceArn()));
    String expected = kecs.endpoint().toString() + "/";
    assertThat(answer.endpoint()).isEqualTo(expected);
    assertThat(answer.telemetryEndpoint()).isEqualTo(expected);
    assertThat(answer.serviceConnectEndpoint()).isEqualTo(expected);
    assertThat(ecs.discoverPollEndpoint(r -> {}).endpoint()).isEqualTo(expected);

    assertThatThrownBy(
            () -> ecs.discoverPollEndpoint(r -> r.cluster("web").containerInstance("unknown")))
        .isInstanceOf(ClientException.class);
    assertThatThrownBy(() -> ecs.discoverPollEndpoint(r -> r.cluster("gone")))
        .isInstanceOf(ClientException.class);
  }

  @Test
  void stateReportsAreCheckedAndAcknowledged() {
    ecs.createCluster(r -> r.clusterName("web"));
    String taskArn = "arn:aws:ecs:us-east-1:000000000000:task/web/" + TASK_ID;
    assertThat(
            ecs.submitTaskStateChange(
                    r ->
                        r.cluster("web")
                            .task(taskArn)
                            .status("RUNNING")
                            .containers(
                                ContainerStateChange.builder()
                                    .containerName("app")
                                    .status("RUNNING")
                                    .networkBindings(
                                        NetworkBinding.builder()
                                            .containerPort(80)
                                            .hostPort(32768)
                                            .build())
                                    .build()))
                .acknowledgment())
        .isEqualTo("ACK");
    assertThat(
            ecs.submitContainerStateChange(
                    r ->
                        r.cluster("web")
                            .task(TASK_ID)
                            .containerName("app")
                            .status("STOPPED")
                            .exitCode(0))
                .acknowledgment())
        .isEqualTo("ACK");
    AttachmentStateChange eni =
        AttachmentStateChange.builder()
            .attachmentArn(
                "arn:aws:ecs:us-east-1:000000000000:attachment/1c8e1b4e-7b5b-4a5c-9d6e-0a1b2c3d4e5f")
            .status("ATTACHED")
            .build();
    assertThat(
            ecs.submitAttachmentStateChanges(r -> r.cluster("web").attachments(eni))
                .acknowledgment())
        .isEqualTo("ACK");
  }

  @Test
  void badStateReportsAreRefused() {
    ecs.createCluster(r -> r.clusterName("web"));
    assertThatThrownBy(() -> ecs.submitTaskStateChange(r -> r.cluster("gone").task(TASK_ID)))
        .isInstanceOf(ClusterNotFoundException.class);
    assertThatThrownBy(() -> ecs.submitTaskStateChange(r -> r.cluster("web").status("RUNNING")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.submitTaskStateChange(
                    r ->
                        r.cluster("web")
                            .task("arn:aws:ecs:us-east-1:000000000000:task/other/" + TASK_ID)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () -> ecs.submitTaskStateChange(r -> r.cluster("web").task(TASK_ID).status("DANCING")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.submitContainerStateChange(
                    r ->
                        r.cluster("web")
                            .task(TASK_ID)
                            .containerName("app")
                            .networkBindings(NetworkBinding.builder().hostPort(70000).build())))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.submitContainerStateChange(r -> r.cluster("web").task(TASK_ID)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.submitAttachmentStateChanges(
                    r ->
                        r.cluster("web")
                            .attachments(
                                AttachmentStateChange.builder()
                                    .attachmentArn("eni-123")
                                    .status("ATTACHED")
                                    .build())))
        .isInstanceOf(InvalidParameterException.class);
  }
}
