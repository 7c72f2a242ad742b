package io.kecs.ecs.service;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Scope;
import io.kecs.registry.ServiceRegistries;
import io.kecs.registry.ServiceRegistries.Registry;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceRegistry;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * ECS's checks of {@code serviceRegistries} (CreateService, UpdateService, CreateTaskSet): one
 * registry that exists; an SRV record needs {@code port} or {@code containerName} and {@code
 * containerPort} (not both); {@code bridge} and {@code host} tasks need the container pair and SRV
 * records; a registry without SRV records takes no port.
 */
final class RegistryRules {
  private RegistryRules() {}

  static void check(
      ServiceRegistries port, Scope scope, List<ServiceRegistry> given, TaskDefinition def) {
    if (given == null || given.isEmpty()) {
      return;
    }
    if (given.size() > 1) {
      throw new InvalidParameterException(
          "Multiple service registries for each service are not supported.");
    }
    ServiceRegistry r = given.get(0);
    if (r.registryArn() == null || r.registryArn().isEmpty()) {
      throw new InvalidParameterException("A registryArn must be specified for serviceRegistries.");
    }
    Registry registry =
        port == null
            ? null
            : port.find(scope, r.registryArn())
                .orElseThrow(
                    () ->
                        new InvalidParameterException(
                            "The service registry " + r.registryArn() + " does not exist."));
    String suffix = " Registry: " + r.registryArn();
    boolean pair = r.containerName() != null || r.containerPort() != null;
    if (r.port() != null && pair) {
      throw new InvalidParameterException(
          "Specify a value for either 'port' or the 'containerName' and 'containerPort'"
              + " combination, but not both. Remove one and retry."
              + suffix);
    }
    if (pair && (r.containerName() == null || r.containerPort() == null)) {
      throw new InvalidParameterException(
          "Values for both 'containerName' and 'containerPort' must be specified." + suffix);
    }
    if (def == null) {
      return;
    }
    String mode = def.networkModeAsString() == null ? "bridge" : def.networkModeAsString();
    boolean awsvpc = "awsvpc".equals(mode);
    if (("bridge".equals(mode) || "host".equals(mode)) && !pair) {
      throw new InvalidParameterException(
          "When specifying 'host' or 'bridge' for networkMode, values for 'containerName' and"
              + " 'containerPort' must be specified from the task definition."
              + suffix);
    }
    if (pair) {
      containerPort(def, r.containerName(), r.containerPort(), r.registryArn());
    }
    if (registry == null) {
      return;
    }
    if (!awsvpc && !"none".equals(mode) && !registry.srv()) {
      throw new InvalidParameterException(
          "The service registry must use SRV records when the task definition uses the '"
              + mode
              + "' network mode."
              + suffix);
    }
    if (registry.srv() && awsvpc && r.port() == null && !pair) {
      throw new InvalidParameterException(
          "The values specified for serviceRegistries require a value for 'port' or the"
              + " 'containerName' and 'containerPort' combination."
              + suffix);
    }
    if (!registry.srv() && awsvpc && r.port() != null) {
      throw new InvalidParameterException(
          "The values specified for serviceRegistries do not require a value for 'port'. Remove"
              + " the value and retry."
              + suffix);
    }
    if (!registry.srv() && awsvpc && pair) {
      throw new InvalidParameterException(
          "The values specified for serviceRegistries do not require a value for 'containerPort'."
              + " Remove the value and retry."
              + suffix);
    }
  }

  /** The port mapping {@code containerName:containerPort} names in the task definition. */
  static PortMapping containerPort(
      TaskDefinition def, String containerName, int containerPort, String registryArn) {
    ContainerDefinition c =
        def.containerDefinitions().stream()
            .filter(x -> containerName.equals(x.name()))
            .findFirst()
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        "The container '"
                            + containerName
                            + "' does not exist in the task definition. Registry: "
                            + registryArn));
    return c.portMappings().stream()
        .filter(p -> p.containerPort() != null && p.containerPort() == containerPort)
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidParameterException(
                    "The container '"
                        + containerName
                        + "' does not have a port mapping for containerPort "
                        + containerPort
                        + ". Registry: "
                        + registryArn));
  }
}
