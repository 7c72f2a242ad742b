package io.kecs.ecs.service;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.task.CapacityRules;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskRequestRules;
import io.kecs.ecs.task.VolumeConfigurationRules;
import io.kecs.identity.Arn;
import io.kecs.protocol.RequestContext;
import io.kecs.runtime.ManagedEbsVolume;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DeploymentController;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * Turns CreateService / UpdateService requests into the service record, checking them against the
 * task definition, the cluster's capacity providers and the ECS rules, and decides whether an
 * update starts a new deployment.
 */
final class ServiceConfiguration {
  private final TaskDefinitionSource definitions;
  private final CapacityRules capacity;
  private final LoadBalancerRules loadBalancing;

  ServiceConfiguration(
      TaskDefinitionSource definitions, CapacityRules capacity, LoadBalancerRules loadBalancing) {
    this.definitions = definitions;
    this.capacity = capacity;
    this.loadBalancing = loadBalancing;
  }

  /**
   * @param definition null for EXTERNAL services created without one
   */
  record Created(Service service, TaskDefinition definition) {}

  /** What an update changes on the latest record, and whether it starts a deployment. */
  record Updated(UnaryOperator<Service> apply, boolean newDeployment, TaskDefinition definition) {}

  Created create(
      RequestContext ctx, Cluster cluster, Arn serviceArn, CreateServiceRequest r, Instant now) {
    String controller =
        r.deploymentController() == null ? "ECS" : r.deploymentController().typeAsString();
    boolean daemon = "DAEMON".equals(r.schedulingStrategyAsString());
    TaskDefinition def =
        r.taskDefinition() == null && "EXTERNAL".equals(controller)
            ? null
            : resolve(ctx, r.taskDefinition());
    if (r.launchType() != null
        && r.hasCapacityProviderStrategy()
        && !r.capacityProviderStrategy().isEmpty()) {
      throw new InvalidParameterException(EcsMessages.LAUNCH_TYPE_AND_STRATEGY);
    }
    List<CapacityProviderStrategyItem> strategy =
        r.hasCapacityProviderStrategy()
            ? r.capacityProviderStrategy()
            : r.launchType() == null ? cluster.defaultCapacityProviderStrategy() : List.of();
    String launchType =
        r.launchType() != null ? r.launchTypeAsString() : strategy.isEmpty() ? "EC2" : null;
    if (!strategy.isEmpty()) {
      capacity.validateStrategy(cluster, strategy);
    }
    TaskRequestRules.platformVersion(launchType, r.platformVersion());
    if (daemon
        && ("FARGATE".equals(launchType)
            || strategy.stream().anyMatch(i -> capacity.isFargate(i.capacityProvider())))) {
      throw new InvalidParameterException(
          "The DAEMON scheduling strategy does not support the FARGATE launch type.");
    }
    if (daemon && !"ECS".equals(controller)) {
      throw new InvalidParameterException(
          "The DAEMON scheduling strategy requires the ECS deployment controller.");
    }
    boolean fargate =
        "FARGATE".equals(launchType)
            || strategy.stream().anyMatch(i -> capacity.isFargate(i.capacityProvider()));
    if (def != null) {
      compatible(def, fargate ? "FARGATE" : launchType == null ? "EC2" : launchType);
      TaskRequestRules.network(def, r.networkConfiguration());
    }
    if ("ECS".equals(controller)) {
      VolumeConfigurationRules.launchType(
          VolumeConfigurationRules.forService(def, r.volumeConfigurations(), daemon),
          fargate ? "FARGATE" : launchType);
    } else if (!r.volumeConfigurations().isEmpty()) {
      // Task sets carry no volume configurations.
      throw new InvalidParameterException(
          "volumeConfigurations is only supported for services with the ECS deployment"
              + " controller.");
    }
    TaskRequestRules.placement(
        r.placementConstraints().stream()
            .map(
                c ->
                    software.amazon.awssdk.services.ecs.model.PlacementConstraint.builder()
                        .type(c.typeAsString())
                        .expression(c.expression())
                        .build())
            .toList(),
        r.placementStrategy());
    ServiceRules.fargatePlacement(
        fargate ? "FARGATE" : launchType,
        r.placementConstraints().size(),
        r.placementStrategy().size());
    ServiceRules.loadBalancers(r.loadBalancers(), def, r.role());
    loadBalancing.check(ctx.scope(), r.loadBalancers(), def);
    ServiceRules.deploymentConfiguration(r.deploymentConfiguration(), daemon);
    if ("CODE_DEPLOY".equals(controller) && r.loadBalancers().isEmpty()) {
      throw new InvalidParameterException(
          "A service using the CODE_DEPLOY deployment controller must use a load balancer.");
    }
    Service.Builder b =
        Service.builder()
            .serviceArn(serviceArn.toString())
            .serviceName(r.serviceName())
            .clusterArn(cluster.clusterArn())
            .loadBalancers(r.loadBalancers())
            .serviceRegistries(r.serviceRegistries())
            .status("ACTIVE")
            .desiredCount(daemon ? 0 : r.desiredCount() == null ? 0 : r.desiredCount())
            .runningCount(0)
            .pendingCount(0)
            .launchType(launchType)
            .capacityProviderStrategy(strategy)
            .taskDefinition(def == null ? null : def.taskDefinitionArn())
            .deploymentConfiguration(withDefaults(r.deploymentConfiguration(), daemon))
            .taskSets(List.of())
            .deployments(List.of())
            .roleArn(roleArn(ctx, r.role()))
            .events(List.of())
            .createdAt(now)
            .placementConstraints(r.placementConstraints())
            .placementStrategy(r.placementStrategy())
            .networkConfiguration(r.networkConfiguration())
            .healthCheckGracePeriodSeconds(
                r.healthCheckGracePeriodSeconds() != null
                    ? r.healthCheckGracePeriodSeconds()
                    : r.loadBalancers().isEmpty() ? null : 0)
            .schedulingStrategy(daemon ? "DAEMON" : "REPLICA")
            .deploymentController(DeploymentController.builder().type(controller).build())
            .createdBy(Arn.iamRoot(ctx.account()).toString())
            .enableECSManagedTags(Boolean.TRUE.equals(r.enableECSManagedTags()))
            .propagateTags(r.propagateTags() == null ? "NONE" : r.propagateTagsAsString())
            .enableExecuteCommand(Boolean.TRUE.equals(r.enableExecuteCommand()))
            .availabilityZoneRebalancing(r.availabilityZoneRebalancingAsString());
    if (fargate) {
      b.platformVersion(r.platformVersion() == null ? "LATEST" : r.platformVersion())
          .platformFamily("Linux");
    }
    return new Created(b.build(), def);
  }

  Updated update(RequestContext ctx, Cluster cluster, Service current, UpdateServiceRequest r) {
    boolean daemon = "DAEMON".equals(current.schedulingStrategyAsString());
    if (daemon && r.desiredCount() != null) {
      throw new InvalidParameterException("The desired count of a DAEMON service cannot be set.");
    }
    if (r.deploymentController() != null
        && !r.deploymentController()
            .typeAsString()
            .equals(ServiceScheduler.controllerOf(current))) {
      throw new InvalidParameterException(
          "Updating the deployment controller of a service is not supported.");
    }
    TaskRequestRules.platformVersion(
        r.hasCapacityProviderStrategy() && !r.capacityProviderStrategy().isEmpty()
            ? null
            : current.launchTypeAsString(),
        r.platformVersion());
    TaskDefinition def =
        r.taskDefinition() != null
            ? resolve(ctx, r.taskDefinition())
            : current.taskDefinition() == null
                ? null
                : definitions.byArn(current.taskDefinition()).orElse(null);
    boolean changesDeployment =
        Boolean.TRUE.equals(r.forceNewDeployment())
            || (r.taskDefinition() != null
                && def != null
                && !def.taskDefinitionArn().equals(current.taskDefinition()))
            || r.networkConfiguration() != null
            || r.hasCapacityProviderStrategy()
            || r.platformVersion() != null
            || r.hasPlacementConstraints()
            || r.hasPlacementStrategy()
            || r.hasLoadBalancers()
            || r.hasServiceRegistries()
            || r.serviceConnectConfiguration() != null
            || r.hasVolumeConfigurations()
            || r.enableExecuteCommand() != null;
    // Task sets carry what EXTERNAL and CODE_DEPLOY services run: updates never deploy there.
    boolean redeploy = changesDeployment && !TaskSetRules.runsTaskSets(current);
    NetworkConfiguration network =
        r.networkConfiguration() != null
            ? r.networkConfiguration()
            : current.networkConfiguration();
    if (def != null) {
      TaskRequestRules.network(def, network);
    }
    if (r.hasCapacityProviderStrategy() && !r.capacityProviderStrategy().isEmpty()) {
      capacity.validateStrategy(cluster, r.capacityProviderStrategy());
    }
    if (r.hasPlacementConstraints() || r.hasPlacementStrategy()) {
      TaskRequestRules.placement(
          (r.hasPlacementConstraints() ? r.placementConstraints() : current.placementConstraints())
              .stream()
                  .map(
                      c ->
                          software.amazon.awssdk.services.ecs.model.PlacementConstraint.builder()
                              .type(c.typeAsString())
                              .expression(c.expression())
                              .build())
                  .toList(),
          r.hasPlacementStrategy() ? r.placementStrategy() : current.placementStrategy());
    }
    if (r.hasLoadBalancers()) {
      ServiceRules.loadBalancers(r.loadBalancers(), def, null);
      loadBalancing.check(ctx.scope(), r.loadBalancers(), def);
    }
    ServiceRules.deploymentConfiguration(r.deploymentConfiguration(), daemon);
    if (redeploy && def == null) {
      throw new ClientException(EcsMessages.TASK_DEFINITION_NOT_FOUND);
    }
    if (redeploy) {
      ManagedEbsVolume volume =
          VolumeConfigurationRules.forService(
              def,
              DeploymentFactory.volumes(
                  def,
                  r.hasVolumeConfigurations() ? r.volumeConfigurations() : null,
                  Rollout.primary(current)),
              daemon);
      VolumeConfigurationRules.launchType(volume, fargate(current, r) ? "FARGATE" : null);
    }
    TaskDefinition target = def;
    UnaryOperator<Service> apply =
        s -> {
          Service.Builder b = s.toBuilder();
          if (r.desiredCount() != null) {
            b.desiredCount(r.desiredCount());
          }
          if (target != null && redeploy) {
            b.taskDefinition(target.taskDefinitionArn());
          }
          if (r.networkConfiguration() != null) {
            b.networkConfiguration(r.networkConfiguration());
          }
          if (r.hasCapacityProviderStrategy()) {
            b.capacityProviderStrategy(r.capacityProviderStrategy());
            if (!r.capacityProviderStrategy().isEmpty()) {
              b.launchType((String) null);
            }
          }
          if (r.platformVersion() != null) {
            b.platformVersion(r.platformVersion());
          }
          if (r.hasPlacementConstraints()) {
            b.placementConstraints(r.placementConstraints());
          }
          if (r.hasPlacementStrategy()) {
            b.placementStrategy(r.placementStrategy());
          }
          if (r.hasLoadBalancers()) {
            b.loadBalancers(r.loadBalancers());
          }
          if (r.hasServiceRegistries()) {
            b.serviceRegistries(r.serviceRegistries());
          }
          if (r.deploymentConfiguration() != null) {
            b.deploymentConfiguration(
                merge(s.deploymentConfiguration(), r.deploymentConfiguration()));
          }
          if (r.healthCheckGracePeriodSeconds() != null) {
            b.healthCheckGracePeriodSeconds(r.healthCheckGracePeriodSeconds());
          }
          if (r.enableExecuteCommand() != null) {
            b.enableExecuteCommand(r.enableExecuteCommand());
          }
          if (r.enableECSManagedTags() != null) {
            b.enableECSManagedTags(r.enableECSManagedTags());
          }
          if (r.propagateTags() != null) {
            b.propagateTags(r.propagateTagsAsString());
          }
          if (r.availabilityZoneRebalancing() != null) {
            b.availabilityZoneRebalancing(r.availabilityZoneRebalancingAsString());
          }
          return b.build();
        };
    return new Updated(apply, redeploy && target != null, target);
  }

  /** Whether the service runs on Fargate after the update. */
  private boolean fargate(Service current, UpdateServiceRequest r) {
    List<CapacityProviderStrategyItem> strategy =
        r.hasCapacityProviderStrategy()
            ? r.capacityProviderStrategy()
            : current.capacityProviderStrategy();
    return strategy.isEmpty()
        ? "FARGATE".equals(current.launchTypeAsString())
        : strategy.stream().anyMatch(i -> capacity.isFargate(i.capacityProvider()));
  }

  private TaskDefinition resolve(RequestContext ctx, String reference) {
    if (reference == null) {
      throw new InvalidParameterException("A task definition must be specified.");
    }
    TaskDefinition def =
        definitions
            .resolve(ctx.scope(), reference)
            .orElseThrow(() -> new ClientException(EcsMessages.TASK_DEFINITION_NOT_FOUND));
    if (!"ACTIVE".equals(def.statusAsString())) {
      throw new ClientException("TaskDefinition is inactive");
    }
    return def;
  }

  private static void compatible(TaskDefinition def, String launchType) {
    if (!def.compatibilitiesAsStrings().isEmpty()
        && !def.compatibilitiesAsStrings().contains(launchType)) {
      throw new InvalidParameterException(
          "Task definition does not support launch_type " + launchType + ".");
    }
  }

  private static String roleArn(RequestContext ctx, String role) {
    if (role == null) {
      return null;
    }
    return Arn.looksLikeArn(role)
        ? role
        : Arn.iamRole(Arn.PARTITION, ctx.account(), role).toString();
  }

  static DeploymentConfiguration withDefaults(DeploymentConfiguration given, boolean daemon) {
    DeploymentConfiguration defaults =
        DeploymentConfiguration.builder()
            .maximumPercent(daemon ? 100 : Rollout.DEFAULT_MAX_PERCENT)
            .minimumHealthyPercent(daemon ? 0 : Rollout.DEFAULT_MIN_HEALTHY_PERCENT)
            .deploymentCircuitBreaker(
                DeploymentCircuitBreaker.builder().enable(false).rollback(false).build())
            .strategy("ROLLING")
            .build();
    return given == null ? defaults : merge(defaults, given);
  }

  static DeploymentConfiguration merge(
      DeploymentConfiguration current, DeploymentConfiguration change) {
    DeploymentConfiguration.Builder b = current.toBuilder();
    if (change.maximumPercent() != null) {
      b.maximumPercent(change.maximumPercent());
    }
    if (change.minimumHealthyPercent() != null) {
      b.minimumHealthyPercent(change.minimumHealthyPercent());
    }
    if (change.deploymentCircuitBreaker() != null) {
      b.deploymentCircuitBreaker(change.deploymentCircuitBreaker());
    }
    if (change.alarms() != null) {
      b.alarms(change.alarms());
    }
    if (change.strategy() != null) {
      b.strategy(change.strategyAsString());
    }
    if (change.bakeTimeInMinutes() != null) {
      b.bakeTimeInMinutes(change.bakeTimeInMinutes());
    }
    if (change.hasLifecycleHooks()) {
      b.lifecycleHooks(change.lifecycleHooks());
    }
    return b.build();
  }
}
