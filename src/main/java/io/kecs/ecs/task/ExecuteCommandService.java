package io.kecs.ecs.task;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.error.TargetNotConnectedException;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandRequest;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ExecuteCommand. ECS opens an SSM session to the container's agent; KECS has no SSM, so after the
 * checks ECS makes it answers as ECS does when no agent can be reached.
 */
public final class ExecuteCommandService {
  private final ClusterService clusters;
  private final TaskService tasks;

  public ExecuteCommandService(ClusterService clusters, TaskService tasks) {
    this.clusters = clusters;
    this.tasks = tasks;
  }

  public ExecuteCommandResponse executeCommand(RequestContext ctx, ExecuteCommandRequest r) {
    if (!Boolean.TRUE.equals(r.interactive())) {
      throw new InvalidParameterException("Interactive is the only mode supported currently.");
    }
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    Task task =
        tasks
            .find(cluster, r.task())
            .orElseThrow(() -> new InvalidParameterException("The specified task was not found."));
    if (!"RUNNING".equals(task.lastStatus())) {
      throw new InvalidParameterException("The specified task is not in the RUNNING state.");
    }
    if (r.container() == null && task.containers().size() > 1) {
      throw new InvalidParameterException(
          "The container name must be specified when the task has more than one container.");
    }
    if (r.container() != null
        && task.containers().stream().noneMatch(c -> c.name().equals(r.container()))) {
      throw new InvalidParameterException("The specified container was not found in the task.");
    }
    if (!Boolean.TRUE.equals(task.enableExecuteCommand())) {
      throw new TargetNotConnectedException(
          "The execute command failed because execute command was not enabled when the task was run"
              + " or the execute command agent isn't running. Wait and try again or run a new task"
              + " with execute command enabled and try again.");
    }
    throw new TargetNotConnectedException(
        "The execute command failed because the execute command agent isn't running: KECS has no"
            + " Session Manager, so interactive sessions cannot be opened.");
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("ExecuteCommand", ExecuteCommandRequest.class, this::executeCommand);
  }
}
