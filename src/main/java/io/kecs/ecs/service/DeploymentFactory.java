package io.kecs.ecs.service;

import io.kecs.ecs.task.VolumeConfigurationRules;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** A new PRIMARY deployment carrying the service's current configuration. */
final class DeploymentFactory {
  private DeploymentFactory() {}

  /**
   * @param template the deployment whose Service Connect and volume settings carry over when the
   *     request does not change them (the current primary), or null
   * @param volumes the request's volume configurations, or null when it gives none (an empty list
   *     removes them)
   */
  static Deployment primary(
      Service s,
      TaskDefinition def,
      Instant now,
      Deployment template,
      ServiceConnectConfiguration serviceConnect,
      List<ServiceVolumeConfiguration> volumes) {
    boolean fargate =
        "FARGATE".equals(s.launchTypeAsString())
            || s.capacityProviderStrategy().stream()
                .anyMatch(i -> i.capacityProvider().startsWith("FARGATE"));
    String id = DeploymentIds.newId();
    Deployment.Builder d =
        Deployment.builder()
            .id(id)
            .status("PRIMARY")
            .taskDefinition(def.taskDefinitionArn())
            .desiredCount(s.desiredCount())
            .pendingCount(0)
            .runningCount(0)
            .failedTasks(0)
            .createdAt(now)
            .updatedAt(now)
            .launchType(s.launchType())
            .capacityProviderStrategy(s.capacityProviderStrategy())
            .networkConfiguration(s.networkConfiguration())
            .serviceConnectConfiguration(
                serviceConnect != null
                    ? serviceConnect
                    : template == null ? null : template.serviceConnectConfiguration())
            .serviceConnectResources(
                serviceConnect == null && template != null && template.hasServiceConnectResources()
                    ? template.serviceConnectResources()
                    : null)
            .volumeConfigurations(volumes(def, volumes, template))
            .rolloutState("IN_PROGRESS")
            .rolloutStateReason("ECS deployment " + id + " in progress.");
    if (fargate) {
      d.platformVersion(s.platformVersion()).platformFamily("Linux");
    }
    return d.build();
  }

  /**
   * The volume configurations of a new deployment: the request's, else the previous deployment's
   * for the volume the definition still configures at launch (none when it has no such volume).
   */
  static List<ServiceVolumeConfiguration> volumes(
      TaskDefinition def, List<ServiceVolumeConfiguration> given, Deployment template) {
    if (given != null) {
      return given;
    }
    String atLaunch = VolumeConfigurationRules.configuredAtLaunch(def);
    return template == null || atLaunch == null
        ? List.of()
        : template.volumeConfigurations().stream().filter(v -> atLaunch.equals(v.name())).toList();
  }

  /** The service with {@code next} as its PRIMARY deployment and older ones demoted to ACTIVE. */
  static Service roll(Service s, Deployment next) {
    List<Deployment> deployments = new java.util.ArrayList<>();
    deployments.add(next);
    for (Deployment d : s.deployments()) {
      deployments.add(d.toBuilder().status("ACTIVE").desiredCount(0).build());
    }
    return s.toBuilder().deployments(deployments).taskDefinition(next.taskDefinition()).build();
  }
}
