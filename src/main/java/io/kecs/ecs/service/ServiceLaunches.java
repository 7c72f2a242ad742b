package io.kecs.ecs.service;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskLauncher;
import io.kecs.ecs.task.VolumeConfigurationRules;
import io.kecs.identity.Arn;
import io.kecs.runtime.ManagedEbsVolume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * Starts tasks for a service: for one of its deployments or task sets, whose configuration (task
 * definition, launch type or strategy, network) the tasks take, with the service's placement and
 * tags.
 */
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

  /**
   * What tasks are started from: an ECS deployment or a task set (its id becomes startedBy).
   *
   * @param volumes the deployment's volume configurations (task sets have none)
   */
  record Source(
      String id,
      String taskDefinitionArn,
      String launchType,
      List<CapacityProviderStrategyItem> strategy,
      NetworkConfiguration network,
      String platformVersion,
      List<ServiceVolumeConfiguration> volumes) {
    Source(
        String id,
        String taskDefinitionArn,
        String launchType,
        List<CapacityProviderStrategyItem> strategy,
        NetworkConfiguration network,
        String platformVersion) {
      this(id, taskDefinitionArn, launchType, strategy, network, platformVersion, List.of());
    }

    static Source of(Service s, Deployment d) {
      return new Source(
          d.id(),
          d.taskDefinition(),
          s.launchTypeAsString(),
          s.capacityProviderStrategy(),
          s.networkConfiguration(),
          s.platformVersion(),
          d.volumeConfigurations());
    }

    static Source of(TaskSet ts) {
      return new Source(
          ts.id(),
          ts.taskDefinition(),
          ts.launchTypeAsString(),
          ts.capacityProviderStrategy(),
          ts.networkConfiguration(),
          ts.platformVersion());
    }
  }

  /**
   * Launches up to {@code count} tasks; answers the tasks created.
   *
   * @param tasks the service's tasks: those the source already runs count for the capacity provider
   *     strategy's base and weights
   */
  List<Task> launch(Service s, Source source, int count, List<Task> tasks) {
    Map<String, Integer> byProvider = new HashMap<>();
    for (Task t : tasks) {
      if (source.id().equals(t.startedBy())
          && "RUNNING".equals(t.desiredStatus())
          && t.capacityProviderName() != null) {
        byProvider.merge(t.capacityProviderName(), 1, Integer::sum);
      }
    }
    return checked(launcher.launch(request(s, source, count, null), byProvider));
  }

  /** Launches one task on each of the given container instances (DAEMON services). */
  List<Task> launchOn(Service s, Source source, List<String> containerInstanceArns) {
    return start(s, source, containerInstanceArns.size(), containerInstanceArns);
  }

  /** A task as the deployment would launch it, unplaced and unsaved: a workload's template. */
  Task template(Service s, Source source) {
    return launcher.template(request(s, source, 1, null));
  }

  /** Records a task the runtime's workload started for the deployment (not launched again). */
  Task discovered(
      Service s, Source source, String taskId, String containerInstanceArn, Instant createdAt) {
    return launcher.discovered(
        request(s, source, 1, null), taskId, containerInstanceArn, createdAt);
  }

  private List<Task> start(
      Service s, Source source, int count, List<String> containerInstanceArns) {
    return checked(launcher.launch(request(s, source, count, containerInstanceArns)));
  }

  private static List<Task> checked(TaskLauncher.Result result) {
    if (result.tasks().isEmpty() && !result.failures().isEmpty()) {
      throw new ClientException(
          "No Container Instances were found with room for the task ("
              + result.failures().get(0).reason()
              + ").");
    }
    return result.tasks();
  }

  private TaskLauncher.Request request(
      Service s, Source source, int count, List<String> containerInstanceArns) {
    Cluster cluster =
        clusters
            .find(Arn.parse(s.clusterArn()).orElseThrow())
            .filter(c -> "ACTIVE".equals(c.status()))
            .orElseThrow(() -> new ClientException("The cluster of the service is not active."));
    TaskDefinition def = definition(source.taskDefinitionArn());
    return new TaskLauncher.Request(
        cluster,
        def,
        count,
        source.launchType(),
        source.strategy(),
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
        source.network() == null ? null : source.network().awsvpcConfiguration(),
        "service:" + s.serviceName(),
        source.id(),
        Boolean.TRUE.equals(s.enableExecuteCommand()),
        source.platformVersion(),
        taskTags(s, def),
        containerInstanceArns,
        volume(def, source.volumes()));
  }

  /** The EBS volume each task of the deployment gets: its configuration of the definition's. */
  private static ManagedEbsVolume volume(
      TaskDefinition def, List<ServiceVolumeConfiguration> volumes) {
    String atLaunch = VolumeConfigurationRules.configuredAtLaunch(def);
    return volumes.stream()
        .filter(v -> v.name().equals(atLaunch) && v.managedEBSVolume() != null)
        .findFirst()
        .map(VolumeConfigurationRules::volumeOf)
        .orElse(null);
  }

  TaskDefinition definition(String taskDefinitionArn) {
    return definitions
        .byArn(taskDefinitionArn)
        .orElseThrow(() -> new ClientException(EcsMessages.TASK_DEFINITION_NOT_FOUND));
  }

  /** The tags a service's tasks get: propagated ones and the ECS managed tags. */
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
