package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.kecs.runtime.TaskLaunch;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The agent's variables in a service's pod template, and without endpoint injection. */
class AgentVariablesTest {
  private static final TaskLaunch LAUNCH =
      new TaskLaunch(
          Task.builder()
              .taskArn(
                  "arn:aws:ecs:eu-west-1:000000000000:task/shop/0123456789abcdef0123456789abcdef")
              .clusterArn("arn:aws:ecs:eu-west-1:000000000000:cluster/shop")
              .launchType("EC2")
              .build(),
          TaskDefinition.builder()
              .taskRoleArn("arn:aws:iam::000000000000:role/app")
              .containerDefinitions(ContainerDefinition.builder().name("web").build())
              .build());

  private static final Container WEB =
      new ContainerBuilder().withName("web").withEnv(new EnvVar("GREETING", "hi", null)).build();

  @Test
  void workloadPodsTakeTheirUidAndAPodBoundCredentialsUri() {
    List<EnvVar> env =
        AgentVariables.apply(WEB, "web", LAUNCH, PodInputs.NONE.withAwsEndpoint("http://k:1"), true)
            .getEnv();
    assertThat(env.get(0).getName()).isEqualTo(AgentVariables.POD_UID);
    assertThat(env.get(0).getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.uid");
    Map<String, String> plain = plain(env);
    assertThat(plain)
        .containsEntry(
            "ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/$(KECS_POD_UID).web")
        .containsEntry("AWS_REGION", "eu-west-1")
        .containsEntry("AWS_EXECUTION_ENV", "AWS_ECS_EC2")
        .containsEntry("AWS_ENDPOINT_URL", "http://k:1")
        .containsEntry("GREETING", "hi")
        .containsEntry(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/$(KECS_POD_UID).task.pod");
  }

  @Test
  void withoutInjectionThereIsNoEndpointButTheAgentsVariablesStay() {
    Map<String, String> plain =
        plain(AgentVariables.apply(WEB, "web", LAUNCH, PodInputs.NONE, false).getEnv());
    assertThat(plain)
        .doesNotContainKey("AWS_ENDPOINT_URL")
        .containsEntry(
            "ECS_CONTAINER_METADATA_URI_V4",
            "http://169.254.170.2/v4/0123456789abcdef0123456789abcdef.web")
        .containsKey("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  }

  private static Map<String, String> plain(List<EnvVar> env) {
    return env.stream()
        .filter(v -> v.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }
}
