package io.kecs.ecs.service;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskLauncher;
import io.kecs.identity.Arn;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** Starts tasks for a service's deployment: the service's configuration turned into a launch. */
final class ServiceLaunches {
  private final TaskLauncher launcher;
  private final ClusterService clusters;
  private final TaskDefinitionSource definitions;
  private final TagService tags;

  ServiceLaunches(
      TaskLauncher launcher,
      ClusterService clusters,
      TaskDefinitionSource definitions,
      TagService tags) {
    this.launcher = launcher;
    this.clusters = clusters;
    this.definitions = definitions;
    this.tags = tags;
  }

  /** Launches up to {@code count} tasks; answers the tasks created. */
  List<Task> launch(Service s, Deployment deployment, int count) {
    return start(s, deployment, count, null);
  }

  /** Launches one task on each of the given container instances (DAEMON services). */
  List<Task> launchOn(Service s, Deployment deployment, List<String> containerInstanceArns) {
    return start(s, deployment, containerInstanceArns.size(), containerInstanceArns);
  }

  private List<Task> start(
      Service s, Deployment deployment, int count, List<String> containerInstanceArns) {
    Cluster cluster =
        clusters
            .find(Arn.parse(s.clusterArn()).orElseThrow())
            .filter(c -> "ACTIVE".equals(c.status()))
            .orElseThrow(() -> new ClientException("The cluster of the service is not active."));
    TaskDefinition def =
        definitions
            .byArn(deployment.taskDefinition())
            .orElseThrow(() -> new ClientException("TaskDefinition not found."));
    TaskLauncher.Result result =
        launcher.launch(
            new TaskLauncher.Request(
                cluster,
                def,
                count,
                s.launchTypeAsString(),
                s.capacityProviderStrategy(),
                s.placementConstraints().stream()
                    .map(
                        c ->
                            software.amazon.awssdk.services.ecs.model.PlacementConstraint.builder()
                                .type(c.typeAsString())
                                .expression(c.expression())
                                .build())
                    .toList(),
                s.placementStrategy(),
                null,
                s.networkConfiguration() == null
                    ? null
                    : s.networkConfiguration().awsvpcConfiguration(),
                "service:" + s.serviceName(),
                deployment.id(),
                Boolean.TRUE.equals(s.enableExecuteCommand()),
                s.platformVersion(),
                taskTags(s, def),
                containerInstanceArns));
    if (result.tasks().isEmpty() && !result.failures().isEmpty()) {
      throw new ClientException(
          "No Container Instances were found with room for the task ("
              + result.failures().get(0).reason()
              + ").");
    }
    return result.tasks();
  }

  private List<Tag> taskTags(Service s, TaskDefinition def) {
    List<Tag> out = new ArrayList<>();
    String propagate = s.propagateTagsAsString();
    if ("SERVICE".equals(propagate)) {
      out.addAll(tags.tagsOf(Arn.parse(s.serviceArn()).orElseThrow()));
    } else if ("TASK_DEFINITION".equals(propagate)) {
      out.addAll(tags.tagsOf(Arn.parse(def.taskDefinitionArn()).orElseThrow()));
    }
    if (Boolean.TRUE.equals(s.enableECSManagedTags())) {
      Arn cluster = Arn.parse(s.clusterArn()).orElseThrow();
      out.add(Tag.builder().key("aws:ecs:clusterName").value(cluster.lastSegment()).build());
      out.add(Tag.builder().key("aws:ecs:serviceName").value(s.serviceName()).build());
    }
    return out;
  }
}
