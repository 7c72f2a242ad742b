package io.kecs.ecs.service;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.error.NamespaceNotFoundException;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.registry.ServiceRegistries;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.ServiceConnectClientAlias;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.ServiceConnectService;
import software.amazon.awssdk.services.ecs.model.ServiceConnectServiceResource;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * A service's Service Connect configuration made concrete as ECS does at CreateService /
 * UpdateService: the namespace (the request's, else the cluster's default, created as an HTTP
 * namespace when the default names none) as an ARN, each {@code services[]} entry's Cloud Map
 * service (its discovery name, created on demand) and its client aliases made resolvable.
 */
final class ServiceConnectSetup {
  private ServiceConnectSetup() {}

  /** What a deployment carries: the configuration as ECS reports it and its Cloud Map services. */
  record Resolved(
      ServiceConnectConfiguration config, List<ServiceConnectServiceResource> resources) {}

  /** Null when {@code given} is null (the request leaves Service Connect as it is). */
  static Resolved resolve(
      ServiceRegistries port,
      Scope scope,
      Cluster cluster,
      ServiceConnectConfiguration given,
      TaskDefinition def) {
    if (given == null) {
      return null;
    }
    if (!Boolean.TRUE.equals(given.enabled())) {
      return new Resolved(given, List.of());
    }
    String defaultNamespace =
        cluster.serviceConnectDefaults() == null
            ? null
            : cluster.serviceConnectDefaults().namespace();
    String namespace = given.namespace() != null ? given.namespace() : defaultNamespace;
    if (namespace == null || namespace.isEmpty()) {
      throw new InvalidParameterException(
          "Service Connect requires a namespace: set serviceConnectConfiguration.namespace or the"
              + " cluster's serviceConnectDefaults.");
    }
    for (ServiceConnectService s : given.services()) {
      portMapping(def, s.portName());
    }
    if (port == null) {
      return new Resolved(given, List.of());
    }
    Optional<String> found = port.namespace(scope, namespace);
    String namespaceArn;
    if (found.isPresent()) {
      namespaceArn = found.get();
    } else if (given.namespace() == null && !Arn.looksLikeArn(namespace)) {
      namespaceArn = port.namespaceOrCreate(scope, namespace);
    } else {
      throw new NamespaceNotFoundException("Namespace " + namespace + " was not found.");
    }
    String namespaceName = port.namespaceName(scope, namespaceArn);
    List<ServiceConnectServiceResource> resources = new ArrayList<>();
    for (ServiceConnectService s : given.services()) {
      String discoveryName = s.discoveryName() != null ? s.discoveryName() : s.portName();
      String discoveryArn = port.serviceOrCreate(scope, namespaceArn, discoveryName);
      resources.add(
          ServiceConnectServiceResource.builder()
              .discoveryName(discoveryName)
              .discoveryArn(discoveryArn)
              .build());
      List<ServiceConnectClientAlias> aliases =
          s.clientAliases().isEmpty()
              ? List.of(ServiceConnectClientAlias.builder().build())
              : s.clientAliases();
      for (ServiceConnectClientAlias a : aliases) {
        port.alias(
            a.dnsName() != null ? a.dnsName() : discoveryName + "." + namespaceName, discoveryArn);
      }
    }
    return new Resolved(given.toBuilder().namespace(namespaceArn).build(), resources);
  }

  /** Makes the client aliases of a deployment resolvable again (after a restart). */
  static void realias(
      ServiceRegistries port,
      Scope scope,
      ServiceConnectConfiguration config,
      List<ServiceConnectServiceResource> resources) {
    if (config == null || !Boolean.TRUE.equals(config.enabled()) || config.namespace() == null) {
      return;
    }
    String namespaceName = port.namespaceName(scope, config.namespace());
    for (ServiceConnectService s : config.services()) {
      String discoveryName = s.discoveryName() != null ? s.discoveryName() : s.portName();
      resources.stream()
          .filter(r -> discoveryName.equals(r.discoveryName()))
          .findFirst()
          .ifPresent(
              r -> {
                if (s.clientAliases().isEmpty()) {
                  port.alias(discoveryName + "." + namespaceName, r.discoveryArn());
                }
                for (ServiceConnectClientAlias a : s.clientAliases()) {
                  port.alias(
                      a.dnsName() != null ? a.dnsName() : discoveryName + "." + namespaceName,
                      r.discoveryArn());
                }
              });
    }
  }

  /** The port mapping a Service Connect {@code portName} names, in any container. */
  static PortMapping portMapping(TaskDefinition def, String portName) {
    if (def != null) {
      for (ContainerDefinition c : def.containerDefinitions()) {
        for (PortMapping p : c.portMappings()) {
          if (portName != null && portName.equals(p.name())) {
            return p;
          }
        }
      }
    }
    throw new InvalidParameterException(
        "The portName '"
            + portName
            + "' does not match the name of any portMappings in the task definition.");
  }
}
