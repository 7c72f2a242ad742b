package io.kecs.ecs.express;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.service.ServiceService;
import io.kecs.ecs.service.Services;
import io.kecs.ecs.taskdef.TaskDefinitionService;
import io.kecs.identity.Arn;
import io.kecs.protocol.RequestContext;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.CreateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.ECSExpressGatewayService;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayContainer;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayScalingTarget;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceNetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.UpdateExpressGatewayServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * Turns Express requests into task definitions and ECS service deployments: the configuration is
 * completed with defaults (or read from the given task definition), the task definition registered,
 * the service created or updated with a new deployment, and the configuration recorded under the
 * service revision that deployment started.
 */
final class ExpressDeployments {
  private static final String EXCLUSIVE =
      "If you provide a task definition ARN, you cannot also specify primaryContainer,"
          + " executionRoleArn, taskRoleArn, cpu, or memory.";

  private final TaskDefinitionService taskDefinitions;
  private final ServiceService serviceApi;
  private final Services services;
  private final ExpressStore store;

  ExpressDeployments(
      TaskDefinitionService taskDefinitions,
      ServiceService serviceApi,
      Services services,
      ExpressStore store) {
    this.taskDefinitions = taskDefinitions;
    this.serviceApi = serviceApi;
    this.services = services;
    this.store = store;
  }

  /** The prefix of every service revision ARN of a service. */
  static String revisionPrefix(Arn service) {
    return new Arn(
            service.partition(),
            "ecs",
            service.region(),
            service.account(),
            "service-revision/" + service.resourcePath() + "/")
        .toString();
  }

  ExpressGatewayServiceConfiguration create(
      RequestContext ctx,
      Cluster cluster,
      Arn serviceArn,
      String name,
      CreateExpressGatewayServiceRequest r,
      Instant now) {
    boolean taskLevel =
        r.primaryContainer() != null
            || r.executionRoleArn() != null
            || r.taskRoleArn() != null
            || r.cpu() != null
            || r.memory() != null;
    ExpressGatewayServiceConfiguration base;
    if (r.taskDefinitionArn() != null) {
      if (taskLevel) {
        throw new InvalidParameterException(EXCLUSIVE);
      }
      base = ExpressConfigurations.fromTaskDefinition(resolve(ctx, r.taskDefinitionArn()));
    } else {
      if (r.primaryContainer() == null) {
        throw new InvalidParameterException(
            "primaryContainer must be given unless a taskDefinitionArn is.");
      }
      if (r.executionRoleArn() == null) {
        throw new InvalidParameterException(
            "executionRoleArn must be given unless a taskDefinitionArn is.");
      }
      base =
          register(
              ctx,
              cluster.clusterName(),
              name,
              ExpressGatewayServiceConfiguration.builder()
                  .executionRoleArn(r.executionRoleArn())
                  .taskRoleArn(r.taskRoleArn())
                  .cpu(r.cpu() == null ? ExpressConfigurations.DEFAULT_CPU : r.cpu())
                  .memory(r.memory() == null ? ExpressConfigurations.DEFAULT_MEMORY : r.memory())
                  .primaryContainer(
                      ExpressConfigurations.container(
                          r.primaryContainer(), cluster.clusterName(), name))
                  .build());
    }
    ExpressGatewayServiceConfiguration config =
        base.toBuilder()
            .networkConfiguration(r.networkConfiguration())
            .healthCheckPath(ExpressConfigurations.healthCheckPath(r.healthCheckPath()))
            .scalingTarget(ExpressConfigurations.scaling(r.scalingTarget(), null))
            .ingressPaths(ExpressEndpoints.ingress(serviceArn, name))
            .build();
    serviceApi.createService(
        ctx,
        CreateServiceRequest.builder()
            .cluster(cluster.clusterArn())
            .serviceName(name)
            .taskDefinition(config.taskDefinitionArn())
            .desiredCount(config.scalingTarget().minTaskCount())
            .launchType(LaunchType.FARGATE)
            .networkConfiguration(network(config.networkConfiguration()))
            .deploymentConfiguration(
                d -> d.deploymentCircuitBreaker(b -> b.enable(true).rollback(true)))
            .tags(r.tags())
            .build());
    return record(serviceArn, config, now);
  }

  ExpressGatewayServiceConfiguration update(
      RequestContext ctx,
      ECSExpressGatewayService express,
      UpdateExpressGatewayServiceRequest r,
      Instant now) {
    Arn serviceArn = Arn.parse(express.serviceArn()).orElseThrow();
    ExpressGatewayServiceConfiguration latest =
        store
            .latest(revisionPrefix(serviceArn))
            .orElseThrow(() -> new ClientException("The Express service has no configuration."));
    boolean taskLevel =
        r.primaryContainer() != null
            || r.executionRoleArn() != null
            || r.taskRoleArn() != null
            || r.cpu() != null
            || r.memory() != null;
    String clusterName = Arn.parse(express.cluster()).orElseThrow().lastSegment();
    ExpressGatewayServiceConfiguration base;
    if (r.taskDefinitionArn() != null) {
      if (taskLevel) {
        throw new InvalidParameterException(EXCLUSIVE);
      }
      base = ExpressConfigurations.fromTaskDefinition(resolve(ctx, r.taskDefinitionArn()));
    } else if (taskLevel) {
      ExpressGatewayContainer container =
          r.primaryContainer() != null ? r.primaryContainer() : latest.primaryContainer();
      base =
          register(
              ctx,
              clusterName,
              express.serviceName(),
              latest.toBuilder()
                  .executionRoleArn(
                      r.executionRoleArn() != null
                          ? r.executionRoleArn()
                          : latest.executionRoleArn())
                  .taskRoleArn(r.taskRoleArn() != null ? r.taskRoleArn() : latest.taskRoleArn())
                  .cpu(r.cpu() != null ? r.cpu() : latest.cpu())
                  .memory(r.memory() != null ? r.memory() : latest.memory())
                  .primaryContainer(
                      ExpressConfigurations.container(
                          container, clusterName, express.serviceName()))
                  .build());
    } else {
      base = latest;
    }
    ExpressGatewayServiceNetworkConfiguration network =
        r.networkConfiguration() != null ? r.networkConfiguration() : latest.networkConfiguration();
    ExpressGatewayScalingTarget scaling =
        ExpressConfigurations.scaling(r.scalingTarget(), latest.scalingTarget());
    ExpressGatewayServiceConfiguration config =
        base.toBuilder()
            .networkConfiguration(network)
            .healthCheckPath(
                r.healthCheckPath() != null
                    ? ExpressConfigurations.healthCheckPath(r.healthCheckPath())
                    : latest.healthCheckPath())
            .scalingTarget(scaling)
            .ingressPaths(ExpressEndpoints.ingress(serviceArn, express.serviceName()))
            .build();
    int desired = desiredWithin(ctx, express, scaling);
    // Every update is a new service revision, rolled out as a new deployment.
    serviceApi.updateService(
        ctx,
        UpdateServiceRequest.builder()
            .cluster(express.cluster())
            .service(express.serviceArn())
            .taskDefinition(config.taskDefinitionArn())
            .desiredCount(desired)
            .networkConfiguration(network(network))
            .forceNewDeployment(true)
            .build());
    return record(serviceArn, config, now);
  }

  /** The running desired count moved into the new scaling range, as target tracking would. */
  private int desiredWithin(
      RequestContext ctx, ECSExpressGatewayService express, ExpressGatewayScalingTarget scaling) {
    int current =
        serviceApi
            .describeServices(
                ctx,
                DescribeServicesRequest.builder()
                    .cluster(express.cluster())
                    .services(express.serviceArn())
                    .build())
            .services()
            .stream()
            .findFirst()
            .map(s -> s.desiredCount() == null ? 0 : s.desiredCount())
            .orElse(0);
    return Math.max(scaling.minTaskCount(), Math.min(scaling.maxTaskCount(), current));
  }

  /** The configuration under the revision the service's newest deployment started. */
  private ExpressGatewayServiceConfiguration record(
      Arn serviceArn, ExpressGatewayServiceConfiguration config, Instant now) {
    String revision = services.revisionArnsOf(serviceArn.toString()).get(0);
    ExpressGatewayServiceConfiguration saved =
        config.toBuilder().serviceRevisionArn(revision).createdAt(now).build();
    store.putConfiguration(saved);
    return saved;
  }

  private TaskDefinition resolve(RequestContext ctx, String reference) {
    TaskDefinition def =
        taskDefinitions
            .resolve(ctx.scope(), reference)
            .orElseThrow(() -> new ClientException(EcsMessages.TASK_DEFINITION_NOT_FOUND));
    if (!"ACTIVE".equals(def.statusAsString())) {
      throw new ClientException("TaskDefinition is inactive");
    }
    return def;
  }

  /**
   * Registers the task definition of a configuration that has no task definition of the user's:
   * family {@code CLUSTER-SERVICE}, Fargate, awsvpc, one essential container named Main.
   */
  private ExpressGatewayServiceConfiguration register(
      RequestContext ctx,
      String clusterName,
      String serviceName,
      ExpressGatewayServiceConfiguration c) {
    String family = clusterName + "-" + serviceName;
    if (family.length() > 255) {
      family = family.substring(0, 255);
    }
    TaskDefinition def =
        taskDefinitions
            .registerTaskDefinition(
                ctx,
                RegisterTaskDefinitionRequest.builder()
                    .family(family)
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu(c.cpu())
                    .memory(c.memory())
                    .executionRoleArn(c.executionRoleArn())
                    .taskRoleArn(c.taskRoleArn())
                    .containerDefinitions(
                        ExpressConfigurations.containerDefinition(
                            c.primaryContainer(), ctx.scope().region()))
                    .build())
            .taskDefinition();
    return c.toBuilder().taskDefinitionArn(def.taskDefinitionArn()).build();
  }

  private static NetworkConfiguration network(ExpressGatewayServiceNetworkConfiguration n) {
    List<String> groups = n != null && n.hasSecurityGroups() ? n.securityGroups() : List.of();
    return NetworkConfiguration.builder()
        .awsvpcConfiguration(
            a -> a.subnets(ExpressConfigurations.subnets(n)).securityGroups(groups))
        .build();
  }
}
