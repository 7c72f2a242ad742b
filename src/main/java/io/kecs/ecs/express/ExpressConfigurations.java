package io.kecs.ecs.express;

import io.kecs.ecs.error.InvalidParameterException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayContainer;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayScalingTarget;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceAwsLogsConfiguration;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceConfiguration;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceNetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RepositoryCredentials;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The configuration of an Express service revision with ECS's documented defaults filled in (256
 * CPU units, 512 MiB, container port 80, health check path {@code /ping}, log stream prefix {@code
 * ecs}, CPU target tracking at 60), and the checks the model documents. Also reads the
 * configuration back from a task definition the user brought.
 */
final class ExpressConfigurations {
  static final String MAIN = "Main";
  static final String DEFAULT_CPU = "256";
  static final String DEFAULT_MEMORY = "512";
  static final int DEFAULT_PORT = 80;
  static final String DEFAULT_HEALTH_CHECK_PATH = "/ping";
  static final String DEFAULT_STREAM_PREFIX = "ecs";

  /** KECS's choices where ECS documents none: one task at least, twenty at most. */
  static final int DEFAULT_MIN_TASKS = 1;

  static final int DEFAULT_MAX_TASKS = 20;
  static final int DEFAULT_TARGET = 60;

  private ExpressConfigurations() {}

  /** A primary container with its defaults: port 80 and a log group of the service's own. */
  static ExpressGatewayContainer container(
      ExpressGatewayContainer given, String clusterName, String serviceName) {
    Integer port = given.containerPort() == null ? DEFAULT_PORT : given.containerPort();
    if (port < 1 || port > 65535) {
      throw new InvalidParameterException(
          "containerPort must be between 1 and 65535, but was " + port + ".");
    }
    ExpressGatewayServiceAwsLogsConfiguration logs =
        given.awsLogsConfiguration() != null
            ? given.awsLogsConfiguration()
            : ExpressGatewayServiceAwsLogsConfiguration.builder()
                .logGroup("/aws/ecs/" + clusterName + "/" + serviceName)
                .logStreamPrefix(DEFAULT_STREAM_PREFIX)
                .build();
    return given.toBuilder().containerPort(port).awsLogsConfiguration(logs).build();
  }

  static String healthCheckPath(String given) {
    String path = given == null ? DEFAULT_HEALTH_CHECK_PATH : given;
    if (!path.startsWith("/") || path.length() > 1024) {
      throw new InvalidParameterException(
          "healthCheckPath must start with a forward slash and be at most 1024 characters.");
    }
    return path;
  }

  /** The scaling target with defaults, checked; {@code current} supplies what is not given. */
  static ExpressGatewayScalingTarget scaling(
      ExpressGatewayScalingTarget given, ExpressGatewayScalingTarget current) {
    ExpressGatewayScalingTarget base =
        current != null
            ? current
            : ExpressGatewayScalingTarget.builder()
                .minTaskCount(DEFAULT_MIN_TASKS)
                .maxTaskCount(DEFAULT_MAX_TASKS)
                .autoScalingMetric("AVERAGE_CPU")
                .autoScalingTargetValue(DEFAULT_TARGET)
                .build();
    if (given == null) {
      return base;
    }
    ExpressGatewayScalingTarget.Builder b = base.toBuilder();
    if (given.minTaskCount() != null) {
      b.minTaskCount(given.minTaskCount());
    }
    if (given.maxTaskCount() != null) {
      b.maxTaskCount(given.maxTaskCount());
    }
    if (given.autoScalingMetric() != null) {
      b.autoScalingMetric(given.autoScalingMetricAsString());
    }
    if (given.autoScalingTargetValue() != null) {
      b.autoScalingTargetValue(given.autoScalingTargetValue());
    }
    ExpressGatewayScalingTarget t = b.build();
    if (t.minTaskCount() < 0 || t.maxTaskCount() < 1 || t.minTaskCount() > t.maxTaskCount()) {
      throw new InvalidParameterException(
          "scalingTarget needs 0 <= minTaskCount <= maxTaskCount and maxTaskCount >= 1, but had "
              + t.minTaskCount()
              + " and "
              + t.maxTaskCount()
              + ".");
    }
    boolean percent = !"REQUEST_COUNT_PER_TARGET".equals(t.autoScalingMetricAsString());
    if (t.autoScalingTargetValue() < 1 || (percent && t.autoScalingTargetValue() > 100)) {
      throw new InvalidParameterException(
          "autoScalingTargetValue must be "
              + (percent ? "between 1 and 100" : "at least 1")
              + " for "
              + t.autoScalingMetricAsString()
              + ".");
    }
    return t;
  }

  /** The container definition KECS registers for a primary container. */
  static ContainerDefinition containerDefinition(ExpressGatewayContainer c, String region) {
    ExpressGatewayServiceAwsLogsConfiguration logs = c.awsLogsConfiguration();
    return ContainerDefinition.builder()
        .name(MAIN)
        .image(c.image())
        .essential(true)
        .portMappings(
            PortMapping.builder()
                .containerPort(c.containerPort())
                .protocol("tcp")
                .name("main-" + c.containerPort())
                .appProtocol("http")
                .build())
        .command(c.hasCommand() ? c.command() : null)
        .environment(c.hasEnvironment() ? c.environment() : null)
        .secrets(c.hasSecrets() ? c.secrets() : null)
        .repositoryCredentials(
            c.repositoryCredentials() == null
                ? null
                : RepositoryCredentials.builder()
                    .credentialsParameter(c.repositoryCredentials().credentialsParameter())
                    .build())
        .logConfiguration(
            LogConfiguration.builder()
                .logDriver("awslogs")
                // ECS makes an Express service's log group itself; KECS lets the awslogs driver
                // make it on the AWS backend, so the service's tasks do not fail for want of it.
                .options(
                    Map.of(
                        "awslogs-group",
                        logs.logGroup(),
                        "awslogs-region",
                        region,
                        "awslogs-stream-prefix",
                        logs.logStreamPrefix(),
                        "awslogs-create-group",
                        "true"))
                .build())
        .build();
  }

  /**
   * A task definition the user brought must have a container named Main with one TCP port mapping
   * that has a container port and a name, and be Fargate compatible; its configuration is read from
   * it.
   */
  static ExpressGatewayServiceConfiguration fromTaskDefinition(TaskDefinition def) {
    ContainerDefinition main =
        def.containerDefinitions().stream()
            .filter(c -> MAIN.equals(c.name()))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        "The task definition must have a container named Main."));
    List<PortMapping> ports = main.portMappings();
    if (ports.size() != 1
        || ports.get(0).containerPort() == null
        || ports.get(0).name() == null
        || "udp".equals(ports.get(0).protocolAsString())) {
      throw new InvalidParameterException(
          "The Main container must have a single TCP port mapping with a container port and a"
              + " port name.");
    }
    if (!def.requiresCompatibilitiesAsStrings().contains("FARGATE")) {
      throw new InvalidParameterException(
          "The task definition of an Express service must be compatible with FARGATE.");
    }
    ExpressGatewayContainer.Builder container =
        ExpressGatewayContainer.builder()
            .image(main.image())
            .containerPort(ports.get(0).containerPort())
            .command(main.hasCommand() ? main.command() : null)
            .environment(main.hasEnvironment() ? main.environment() : null)
            .secrets(main.hasSecrets() ? main.secrets() : null);
    LogConfiguration log = main.logConfiguration();
    if (log != null && "awslogs".equals(log.logDriverAsString())) {
      container.awsLogsConfiguration(
          a ->
              a.logGroup(log.options().get("awslogs-group"))
                  .logStreamPrefix(log.options().get("awslogs-stream-prefix")));
    }
    if (main.repositoryCredentials() != null) {
      container.repositoryCredentials(
          r -> r.credentialsParameter(main.repositoryCredentials().credentialsParameter()));
    }
    return ExpressGatewayServiceConfiguration.builder()
        .taskDefinitionArn(def.taskDefinitionArn())
        .executionRoleArn(def.executionRoleArn())
        .taskRoleArn(def.taskRoleArn())
        .cpu(def.cpu())
        .memory(def.memory())
        .primaryContainer(container.build())
        .build();
  }

  /** The ECS service's awsvpc subnets: those given, else KECS's stand-in for the default VPC. */
  static List<String> subnets(ExpressGatewayServiceNetworkConfiguration network) {
    return network != null && network.hasSubnets() && !network.subnets().isEmpty()
        ? network.subnets()
        : List.of(DEFAULT_SUBNET);
  }

  /**
   * KECS has no VPCs; an Express service without subnets runs in this one, named so that nobody
   * mistakes it for a real subnet.
   */
  static final String DEFAULT_SUBNET = "subnet-kecs-default-vpc";
}
