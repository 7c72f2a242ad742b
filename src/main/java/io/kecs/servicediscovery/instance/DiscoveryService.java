package io.kecs.servicediscovery.instance;

import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.servicediscovery.common.Pages;
import io.kecs.servicediscovery.error.NamespaceNotFound;
import io.kecs.servicediscovery.error.ServiceNotFound;
import io.kecs.servicediscovery.namespace.NamespaceService;
import io.kecs.servicediscovery.service.ServiceService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesRequest;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesResponse;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesRevisionRequest;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesRevisionResponse;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * DiscoverInstances and DiscoverInstancesRevision: a namespace (by its HTTP name) and a service by
 * name, filtered by query parameters (all must match), optional parameters (dropped when nothing
 * matches them) and health (only for services that have a health check; HEALTHY by default).
 */
public final class DiscoveryService {
  private final NamespaceService namespaces;
  private final ServiceService services;
  private final InstanceRegistry registry;

  public DiscoveryService(
      NamespaceService namespaces, ServiceService services, InstanceRegistry registry) {
    this.namespaces = namespaces;
    this.services = services;
    this.registry = registry;
  }

  public void bind(AwsJsonService service) {
    service.add("DiscoverInstances", DiscoverInstancesRequest.class, this::discover);
    service.add(
        "DiscoverInstancesRevision", DiscoverInstancesRevisionRequest.class, this::revision);
  }

  DiscoverInstancesResponse discover(RequestContext ctx, DiscoverInstancesRequest r) {
    Service s = service(ctx, r.namespaceName(), r.serviceName(), r.ownerAccount());
    int max = Pages.limit(r.maxResults(), 100, 1000);
    List<InstanceRegistry.Registered> found = registry.withHealth(s);
    found = found.stream().filter(i -> matches(i, r.queryParameters())).toList();
    if (r.hasOptionalParameters() && !r.optionalParameters().isEmpty()) {
      List<InstanceRegistry.Registered> narrowed =
          found.stream().filter(i -> matches(i, r.optionalParameters())).toList();
      found = narrowed.isEmpty() ? found : narrowed;
    }
    found = byHealth(s, found, r.healthStatus());
    List<HttpInstanceSummary> out = new ArrayList<>();
    for (InstanceRegistry.Registered i : found.subList(0, Math.min(max, found.size()))) {
      out.add(
          HttpInstanceSummary.builder()
              .instanceId(i.instance().id())
              .namespaceName(r.namespaceName())
              .serviceName(s.name())
              .healthStatus(i.health())
              .attributes(i.instance().attributes())
              .build());
    }
    return DiscoverInstancesResponse.builder()
        .instances(out)
        .instancesRevision(registry.revision(s.arn()))
        .build();
  }

  DiscoverInstancesRevisionResponse revision(
      RequestContext ctx, DiscoverInstancesRevisionRequest r) {
    Service s = service(ctx, r.namespaceName(), r.serviceName(), r.ownerAccount());
    return DiscoverInstancesRevisionResponse.builder()
        .instancesRevision(registry.revision(s.arn()))
        .build();
  }

  private Service service(
      RequestContext ctx, String namespaceName, String serviceName, String ownerAccount) {
    if (ownerAccount != null && !ownerAccount.equals(ctx.account())) {
      throw new NamespaceNotFound("No namespace " + namespaceName + " shared from " + ownerAccount);
    }
    Namespace ns =
        namespaces
            .byHttpName(ctx.scope(), namespaceName)
            .orElseThrow(() -> new NamespaceNotFound("No namespace named " + namespaceName));
    return services
        .byName(ctx.scope(), ns.id(), serviceName)
        .orElseThrow(
            () ->
                new ServiceNotFound(
                    "No service " + serviceName + " in namespace " + namespaceName));
  }

  private static boolean matches(InstanceRegistry.Registered i, Map<String, String> wanted) {
    Map<String, String> attributes = i.instance().attributes();
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      if (!e.getValue().equals(attributes.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static List<InstanceRegistry.Registered> byHealth(
      Service s, List<InstanceRegistry.Registered> found, HealthStatusFilter filter) {
    if (s.healthCheckConfig() == null && s.healthCheckCustomConfig() == null) {
      return found; // AWS ignores the filter for services without a health check
    }
    HealthStatusFilter f = filter == null ? HealthStatusFilter.HEALTHY : filter;
    List<InstanceRegistry.Registered> healthy =
        found.stream().filter(i -> i.health() == HealthStatus.HEALTHY).toList();
    return switch (f) {
      case ALL -> found;
      case UNHEALTHY -> found.stream().filter(i -> i.health() == HealthStatus.UNHEALTHY).toList();
      case HEALTHY_OR_ELSE_ALL -> healthy.isEmpty() ? found : healthy;
      default -> healthy;
    };
  }
}
