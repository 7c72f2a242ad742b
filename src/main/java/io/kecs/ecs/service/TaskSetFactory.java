package io.kecs.ecs.service;

import io.kecs.identity.Arn;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/** A new task set record, as ECS shows it right after CreateTaskSet. */
final class TaskSetFactory {
  private TaskSetFactory() {}

  /**
   * What a task set runs and how, already checked: from a CreateTaskSet request, or from the
   * service itself for the first task set of a CODE_DEPLOY service.
   *
   * @param launchType null when a capacity provider strategy places the tasks
   */
  record Spec(
      TaskDefinition definition,
      String launchType,
      List<CapacityProviderStrategyItem> strategy,
      boolean fargate,
      String platformVersion,
      NetworkConfiguration network,
      List<LoadBalancer> loadBalancers,
      List<ServiceRegistry> serviceRegistries,
      Scale scale,
      String externalId,
      String startedBy) {}

  /** The first task set of a CODE_DEPLOY service: the service's own configuration at 100%. */
  static Spec ofService(Service s, TaskDefinition def) {
    boolean fargate =
        "FARGATE".equals(s.launchTypeAsString())
            || s.capacityProviderStrategy().stream()
                .anyMatch(i -> i.capacityProvider().startsWith("FARGATE"));
    return new Spec(
        def,
        s.launchTypeAsString(),
        s.capacityProviderStrategy(),
        fargate,
        s.platformVersion(),
        s.networkConfiguration(),
        s.loadBalancers(),
        s.serviceRegistries(),
        Scale.builder().value(100.0).unit("PERCENT").build(),
        null,
        null);
  }

  static TaskSet create(Service s, Spec spec, String status, Instant now) {
    Arn service = Arn.parse(s.serviceArn()).orElseThrow();
    String id = TaskSetIds.newId();
    TaskSet.Builder b =
        TaskSet.builder()
            .id(id)
            .taskSetArn(TaskSetIds.arn(service, id).toString())
            .serviceArn(s.serviceArn())
            .clusterArn(s.clusterArn())
            .startedBy(spec.startedBy())
            .externalId(spec.externalId())
            .status(status)
            .taskDefinition(spec.definition().taskDefinitionArn())
            .computedDesiredCount(TaskSetRules.computedDesiredCount(s.desiredCount(), spec.scale()))
            .pendingCount(0)
            .runningCount(0)
            .createdAt(now)
            .updatedAt(now)
            .launchType(spec.launchType())
            .capacityProviderStrategy(spec.strategy())
            .networkConfiguration(withDefaults(spec.network()))
            .loadBalancers(spec.loadBalancers())
            .serviceRegistries(spec.serviceRegistries())
            .scale(spec.scale())
            .stabilityStatus("STABILIZING")
            .stabilityStatusAt(now)
            .tags(List.of());
    if (spec.fargate()) {
      b.platformVersion(spec.platformVersion() == null ? "LATEST" : spec.platformVersion())
          .platformFamily("Linux");
    }
    return b.build();
  }

  /** ECS shows the public IP setting of a task set even when the request left it out. */
  private static NetworkConfiguration withDefaults(NetworkConfiguration network) {
    if (network == null || network.awsvpcConfiguration() == null) {
      return network;
    }
    AwsVpcConfiguration vpc = network.awsvpcConfiguration();
    return vpc.assignPublicIp() != null
        ? network
        : network.toBuilder()
            .awsvpcConfiguration(vpc.toBuilder().assignPublicIp("DISABLED").build())
            .build();
  }
}
