package io.kecs.ecs.service;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskLauncher;
import io.kecs.identity.Arn;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * Starts tasks for a task set: the task set says what runs and where (definition, launch type or
 * strategy, network, platform version), the service how it is placed and tagged. Tasks carry the
 * task set id as {@code startedBy} and the service's group.
 */
final class TaskSetLaunches {
  private final TaskLauncher launcher;
  private final ClusterService clusters;
  private final TaskDefinitionSource definitions;
  private final ServiceLaunches serviceLaunches;

  TaskSetLaunches(
      TaskLauncher launcher,
      ClusterService clusters,
      TaskDefinitionSource definitions,
      ServiceLaunches serviceLaunches) {
    this.launcher = launcher;
    this.clusters = clusters;
    this.definitions = definitions;
    this.serviceLaunches = serviceLaunches;
  }

  /** Launches up to {@code count} tasks; answers the tasks created. */
  List<Task> launch(Service s, TaskSet ts, int count) {
    Cluster cluster =
        clusters
            .find(Arn.parse(s.clusterArn()).orElseThrow())
            .filter(c -> "ACTIVE".equals(c.status()))
            .orElseThrow(() -> new ClientException("The cluster of the service is not active."));
    TaskDefinition def =
        definitions
            .byArn(ts.taskDefinition())
            .orElseThrow(() -> new ClientException("TaskDefinition not found."));
    TaskLauncher.Result result =
        launcher.launch(
            new TaskLauncher.Request(
                cluster,
                def,
                count,
                ts.launchTypeAsString(),
                ts.capacityProviderStrategy(),
                s.placementConstraints().stream()
                    .map(
                        c ->
                            PlacementConstraint.builder()
                                .type(c.typeAsString())
                                .expression(c.expression())
                                .build())
                    .toList(),
                s.placementStrategy(),
                null,
                ts.networkConfiguration() == null
                    ? null
                    : ts.networkConfiguration().awsvpcConfiguration(),
                "service:" + s.serviceName(),
                ts.id(),
                Boolean.TRUE.equals(s.enableExecuteCommand()),
                ts.platformVersion(),
                serviceLaunches.taskTags(s, def),
                null));
    if (result.tasks().isEmpty() && !result.failures().isEmpty()) {
      throw new ClientException(
          "No Container Instances were found with room for the task ("
              + result.failures().get(0).reason()
              + ").");
    }
    return result.tasks();
  }
}
