package io.kecs.servicediscovery;

import io.kecs.identity.Arn;
import io.kecs.servicediscovery.instance.InstanceRegistry;
import io.kecs.servicediscovery.namespace.NamespaceService;
import io.kecs.servicediscovery.service.ServiceService;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * The read side of Cloud Map that the DNS server answers from: DNS namespaces (of every account and
 * region: one server serves them all; where two share a name, the first by ARN wins), their
 * services by name, and each service's instances with their health.
 */
public final class DnsView {
  private final NamespaceService namespaces;
  private final ServiceService services;
  private final InstanceRegistry registry;
  private final ClientAliases aliases;

  DnsView(
      NamespaceService namespaces,
      ServiceService services,
      InstanceRegistry registry,
      ClientAliases aliases) {
    this.aliases = aliases;
    this.namespaces = namespaces;
    this.services = services;
    this.registry = registry;
  }

  /** DNS namespaces, in ARN order. */
  public List<Namespace> zones() {
    return namespaces.all().stream()
        .filter(n -> n.type() == NamespaceType.DNS_PRIVATE || n.type() == NamespaceType.DNS_PUBLIC)
        .sorted(Comparator.comparing(Namespace::arn))
        .toList();
  }

  /** The service named {@code name} of a namespace, if it has DNS records. */
  public Optional<Service> service(Namespace namespace, String name) {
    return services
        .byName(Arn.parse(namespace.arn()).orElseThrow().scope(), namespace.id(), name)
        .filter(s -> s.dnsConfig() != null);
  }

  /** The Cloud Map service a Service Connect client alias names, if it still exists. */
  public Optional<Service> alias(String dnsName) {
    return aliases
        .serviceArn(dnsName)
        .flatMap(
            arn ->
                services
                    .find(Arn.parse(arn).orElseThrow().scope(), arn)
                    .filter(s -> s.arn().equals(arn)));
  }

  public List<InstanceRegistry.Registered> instances(Service service) {
    return registry.withHealth(service);
  }
}
