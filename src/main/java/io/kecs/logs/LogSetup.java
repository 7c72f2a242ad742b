package io.kecs.logs;

import io.kecs.runtime.TaskLaunch;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * What the awslogs driver does before a task's containers start, as Docker's driver does when ECS
 * creates a container: validate the options, create the group when {@code awslogs-create-group} is
 * true, and create each container's stream, so a stream exists even before any output. Any failure
 * is ECS's {@code ResourceInitializationError} for the task.
 */
final class LogSetup {
  private final LogDestination destination;

  LogSetup(LogDestination destination) {
    this.destination = destination;
  }

  /** One container that logs through awslogs. */
  record Plan(String container, AwslogsOptions options, LogDestination.Group group) {}

  /** The task's awslogs containers, by name; empty when none logs through awslogs. */
  static Map<String, Plan> plans(String taskArn, TaskDefinition definition) {
    Map<String, Plan> out = new LinkedHashMap<>();
    for (ContainerDefinition def : definition.containerDefinitions()) {
      AwslogsOptions.of(def)
          .ifPresent(
              o ->
                  out.put(
                      def.name(),
                      new Plan(
                          def.name(),
                          o,
                          new LogDestination.Group(accountOf(taskArn), o.region(), o.group()))));
    }
    return out;
  }

  /** Why the logger cannot be set up, worded after ECS's stoppedReason. */
  static final class SetupFailed extends Exception {
    SetupFailed(String detail, Throwable cause) {
      super(detail, cause);
    }
  }

  /** Creates groups and streams for the launch; the detail of what failed otherwise. */
  Map<String, Plan> prepare(TaskLaunch launch) throws SetupFailed {
    Map<String, Plan> plans;
    try {
      plans = plans(launch.taskArn(), launch.definition());
    } catch (IllegalArgumentException e) {
      throw new SetupFailed("failed to validate logger args: " + e.getMessage(), e);
    }
    String taskId = taskId(launch.taskArn());
    for (Plan p : plans.values()) {
      if (p.options().createGroup()) {
        try {
          destination.createGroup(p.group());
        } catch (SdkException e) {
          throw new SetupFailed(
              "failed to validate logger args: failed to create Cloudwatch log group: "
                  + describe(e),
              e);
        }
      }
      String stream = p.options().streamName(p.container(), taskId, null);
      if (stream == null) {
        continue; // named after the container's id: made once it runs
      }
      try {
        destination.createStream(p.group(), stream);
      } catch (SdkException e) {
        throw new SetupFailed(
            "failed to validate logger args: create stream has been retried 1 times: failed to"
                + " create Cloudwatch log stream: "
                + describe(e)
                + " : exit status 1",
            e);
      }
    }
    return plans;
  }

  private static String describe(SdkException e) {
    if (e instanceof CloudWatchLogsException c && c.awsErrorDetails() != null) {
      return c.awsErrorDetails().errorCode() + ": " + c.awsErrorDetails().errorMessage();
    }
    return e.getMessage();
  }

  static String taskId(String taskArn) {
    return taskArn.substring(taskArn.lastIndexOf('/') + 1);
  }

  static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 && parts[4].matches("\\d{12}") ? parts[4] : "000000000000";
  }
}
