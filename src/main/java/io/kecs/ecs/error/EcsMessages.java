package io.kecs.ecs.error;

/**
 * ECS's own error texts, word for word as the service answers them (taken from the AWS
 * documentation, the AWS CLI's examples and answers of the real service), kept in one place so a
 * rule that appears in several operations says the same thing everywhere. Texts KECS words itself,
 * for rules ECS never documented, stay beside their rule.
 */
public final class EcsMessages {
  private EcsMessages() {}

  public static final String CLUSTER_NOT_FOUND = "Cluster not found.";
  public static final String SERVICE_NOT_FOUND = "Service not found.";
  public static final String TASK_DEFINITION_NOT_FOUND = "TaskDefinition not found.";
  public static final String TASK_NOT_FOUND = "The referenced task was not found.";
  public static final String TASK_IDENTIFIER_INVALID = "Task Identifier is invalid";
  public static final String TASKS_EMPTY = "Tasks cannot be empty.";
  public static final String CONTAINER_INSTANCE_EMPTY = "Container instance cannot be empty.";
  public static final String NO_CONTAINER_INSTANCES =
      "No Container Instances were found in your cluster.";
  public static final String NETWORK_CONFIGURATION_REQUIRED =
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.";
  public static final String LAUNCH_TYPE_AND_STRATEGY =
      "Specifying both a launch type and capacity provider strategy is not supported. Remove one"
          + " and try again.";
  public static final String PLATFORM_VERSION_WITH_EC2 =
      "The platform version must be null when specifying an EC2 launch type.";
  public static final String FARGATE_PID_MODE_HOST =
      "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for"
          + " pidMode is 'task'.";
  public static final String LONG_ARN_FOR_TAGGING =
      "Long arn format must be used for tagging operations";

  /** A load balancer names a container port its container does not map. */
  public static String containerPortNotDefined(String container, int port) {
    return "The container " + container + " did not have a container port " + port + " defined.";
  }
}
