package io.kecs.ecs.service;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.task.CapacityRules;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskRequestRules;
import io.kecs.protocol.RequestContext;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Turns a CreateTaskSet request into what the task set runs, checked against the task definition,
 * the cluster's capacity providers and the ECS rules (the same ones CreateService applies).
 */
final class TaskSetConfiguration {
  private final TaskDefinitionSource definitions;
  private final CapacityRules capacity;
  private final RegistryMembership registries;
  private final LoadBalancerRules loadBalancing;

  TaskSetConfiguration(
      TaskDefinitionSource definitions,
      CapacityRules capacity,
      RegistryMembership registries,
      LoadBalancerRules loadBalancing) {
    this.registries = registries;
    this.definitions = definitions;
    this.capacity = capacity;
    this.loadBalancing = loadBalancing;
  }

  TaskSetFactory.Spec create(
      RequestContext ctx, Cluster cluster, CreateTaskSetRequest r, Scale scale) {
    TaskDefinition def =
        definitions
            .resolve(ctx.scope(), r.taskDefinition())
            .orElseThrow(() -> new ClientException(EcsMessages.TASK_DEFINITION_NOT_FOUND));
    if (!"ACTIVE".equals(def.statusAsString())) {
      throw new ClientException("TaskDefinition is inactive");
    }
    boolean hasStrategy =
        r.hasCapacityProviderStrategy() && !r.capacityProviderStrategy().isEmpty();
    if (r.launchType() != null && hasStrategy) {
      throw new InvalidParameterException(EcsMessages.LAUNCH_TYPE_AND_STRATEGY);
    }
    List<CapacityProviderStrategyItem> strategy =
        hasStrategy
            ? r.capacityProviderStrategy()
            : r.launchType() == null ? cluster.defaultCapacityProviderStrategy() : List.of();
    String launchType =
        r.launchType() != null ? r.launchTypeAsString() : strategy.isEmpty() ? "EC2" : null;
    if (!strategy.isEmpty()) {
      capacity.validateStrategy(cluster, strategy);
    }
    TaskRequestRules.platformVersion(launchType, r.platformVersion());
    boolean fargate =
        "FARGATE".equals(launchType)
            || strategy.stream().anyMatch(i -> capacity.isFargate(i.capacityProvider()));
    String compatibility = fargate ? "FARGATE" : launchType == null ? "EC2" : launchType;
    if (!def.compatibilitiesAsStrings().isEmpty()
        && !def.compatibilitiesAsStrings().contains(compatibility)) {
      throw new InvalidParameterException(
          "Task definition does not support launch_type " + compatibility + ".");
    }
    TaskRequestRules.network(def, r.networkConfiguration());
    TaskSetRules.loadBalancers(r.loadBalancers(), def);
    registries.check(ctx.scope(), r.serviceRegistries(), def);
    loadBalancing.check(ctx.scope(), r.loadBalancers(), def);
    return new TaskSetFactory.Spec(
        def,
        launchType,
        strategy,
        fargate,
        r.platformVersion(),
        r.networkConfiguration(),
        r.loadBalancers(),
        r.serviceRegistries(),
        scale,
        r.externalId(),
        null);
  }
}
