package io.kecs.ecs.taskdef;

import java.util.List;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonContainerDefinition;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * The defaults ECS writes into a registered definition, so a describe answers what runs: essential
 * true, container cpu 0, empty lists instead of absent ones, completed port mappings (protocol tcp,
 * host port = container port in awsvpc and host mode), and the Docker health check defaults.
 * Clients such as Terraform compare against exactly these values.
 */
final class TaskDefinitionDefaults {
  static final int HEALTH_INTERVAL = 30;
  static final int HEALTH_TIMEOUT = 5;
  static final int HEALTH_RETRIES = 3;

  private TaskDefinitionDefaults() {}

  static ContainerDefinition container(ContainerDefinition c, NetworkMode mode) {
    ContainerDefinition.Builder b = c.toBuilder();
    if (c.essential() == null) {
      b.essential(true);
    }
    if (c.cpu() == null) {
      b.cpu(0);
    }
    b.portMappings(PortMappingRules.normalize(c.name(), c.portMappings(), mode));
    if (!c.hasEnvironment()) {
      b.environment(List.of());
    }
    if (!c.hasMountPoints()) {
      b.mountPoints(List.of());
    }
    if (!c.hasVolumesFrom()) {
      b.volumesFrom(List.of());
    }
    if (!c.hasSystemControls()) {
      b.systemControls(List.of());
    }
    if (c.healthCheck() != null) {
      b.healthCheck(healthCheck(c.healthCheck()));
    }
    return b.build();
  }

  static DaemonContainerDefinition container(DaemonContainerDefinition c) {
    DaemonContainerDefinition.Builder b = c.toBuilder();
    if (c.essential() == null) {
      b.essential(true);
    }
    if (c.cpu() == null) {
      b.cpu(0);
    }
    if (!c.hasEnvironment()) {
      b.environment(List.of());
    }
    if (!c.hasMountPoints()) {
      b.mountPoints(List.of());
    }
    if (c.healthCheck() != null) {
      b.healthCheck(healthCheck(c.healthCheck()));
    }
    return b.build();
  }

  /** Volumes as ECS stores them: an EFS volume without a root directory mounts the root, "/". */
  static List<Volume> volumes(List<Volume> volumes) {
    return volumes.stream()
        .map(
            v ->
                v.efsVolumeConfiguration() != null
                        && v.efsVolumeConfiguration().rootDirectory() == null
                    ? v.toBuilder()
                        .efsVolumeConfiguration(
                            v.efsVolumeConfiguration().toBuilder().rootDirectory("/").build())
                        .build()
                    : v)
        .toList();
  }

  private static HealthCheck healthCheck(HealthCheck h) {
    return h.toBuilder()
        .interval(h.interval() == null ? HEALTH_INTERVAL : h.interval())
        .timeout(h.timeout() == null ? HEALTH_TIMEOUT : h.timeout())
        .retries(h.retries() == null ? HEALTH_RETRIES : h.retries())
        .build();
  }
}
