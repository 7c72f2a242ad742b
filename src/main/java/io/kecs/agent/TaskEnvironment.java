package io.kecs.agent;

import io.kecs.identity.Arn;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The variables the ECS agent puts in every container of a task, pointing at an agent address:
 * {@code http://169.254.170.2} inside a cluster (the node agent), or KECS's API port for tasks that
 * run nowhere (the simulated runtime, tests). The caller lets a container's own values win.
 */
public final class TaskEnvironment {
  /** Where the ECS agent answers inside a task. */
  public static final String AGENT_ADDRESS = "http://169.254.170.2";

  private TaskEnvironment() {}

  /**
   * @param agent the agent's base URL, no trailing slash
   * @param relativeCredentials true: {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI} (the SDKs
   *     prefix 169.254.170.2); false: {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} under {@code
   *     agent}
   * @param endpoint {@code AWS_ENDPOINT_URL} for the container, or null for none
   */
  public static Map<String, String> of(
      Task task,
      TaskDefinition definition,
      String container,
      String agent,
      boolean relativeCredentials,
      String endpoint) {
    Map<String, String> env = new LinkedHashMap<>();
    String endpointId = MetadataMapper.taskId(task) + "." + container;
    env.put("ECS_CONTAINER_METADATA_URI", agent + "/v3/" + endpointId);
    env.put("ECS_CONTAINER_METADATA_URI_V4", agent + "/v4/" + endpointId);
    if (task.taskArn() != null
        && CredentialIds.roleArn(task, definition, CredentialIds.Role.TASK) != null) {
      String path = "/v2/credentials/" + CredentialIds.of(task, CredentialIds.Role.TASK);
      if (relativeCredentials) {
        env.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", path);
      } else {
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", agent + path);
      }
    }
    String region =
        Arn.parse(task.clusterArn() != null ? task.clusterArn() : task.taskArn())
            .map(Arn::region)
            .orElse("us-east-1");
    env.put("AWS_REGION", region);
    env.put("AWS_DEFAULT_REGION", region);
    env.put(
        "AWS_EXECUTION_ENV",
        "FARGATE".equals(task.launchTypeAsString()) ? "AWS_ECS_FARGATE" : "AWS_ECS_EC2");
    if (endpoint != null) {
      env.put("AWS_ENDPOINT_URL", endpoint);
    }
    return env;
  }
}
