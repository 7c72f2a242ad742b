package io.kecs.ecs.service;

import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * The service follows its primary task set: DescribeServices shows the primary's task definition,
 * launch type or capacity provider strategy, platform, network, load balancers and registries.
 */
final class TaskSetPrimary {
  private TaskSetPrimary() {}

  static Service follow(Service s, TaskSet primary) {
    return s.toBuilder()
        .taskDefinition(primary.taskDefinition())
        .launchType(primary.launchTypeAsString())
        .capacityProviderStrategy(primary.capacityProviderStrategy())
        .platformVersion(primary.platformVersion())
        .platformFamily(primary.platformFamily())
        .networkConfiguration(primary.networkConfiguration())
        .loadBalancers(primary.loadBalancers())
        .serviceRegistries(primary.serviceRegistries())
        .build();
  }
}
