package io.kecs.runtime;

import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Everything a runtime needs to run one task: the task as ECS created it (ARN, overrides, cluster,
 * container instance) and the task definition it runs.
 */
public record TaskLaunch(Task task, TaskDefinition definition) {
  public String taskArn() {
    return task.taskArn();
  }
}
