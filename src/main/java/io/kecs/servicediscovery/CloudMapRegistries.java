package io.kecs.servicediscovery;

import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsException;
import io.kecs.protocol.RequestContext;
import io.kecs.registry.ServiceRegistries;
import io.kecs.servicediscovery.instance.InstanceRegistry;
import io.kecs.servicediscovery.instance.InstanceService;
import io.kecs.servicediscovery.namespace.NamespaceService;
import io.kecs.servicediscovery.service.ServiceService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.servicediscovery.model.CreateHttpNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreateServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.Instance;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.UpdateInstanceCustomHealthStatusRequest;

/** Cloud Map services as ECS's service registries. */
final class CloudMapRegistries implements ServiceRegistries {
  private static final Logger LOG = LoggerFactory.getLogger(CloudMapRegistries.class);
  static final String ECS_CLUSTER_NAME = "ECS_CLUSTER_NAME";

  private final NamespaceService namespaces;
  private final ServiceService services;
  private final InstanceService instances;
  private final InstanceRegistry registry;
  private final ClientAliases aliases;

  CloudMapRegistries(
      NamespaceService namespaces,
      ServiceService services,
      InstanceService instances,
      InstanceRegistry registry,
      ClientAliases aliases) {
    this.namespaces = namespaces;
    this.services = services;
    this.instances = instances;
    this.registry = registry;
    this.aliases = aliases;
  }

  @Override
  public Optional<Registry> find(Scope scope, String registryArn) {
    return services
        .find(scope, registryArn)
        .filter(s -> registryArn.equals(s.arn()))
        .map(
            s -> {
              List<DnsRecord> records =
                  s.dnsConfig() == null ? List.of() : s.dnsConfig().dnsRecords();
              return new Registry(
                  s.arn(),
                  has(records, RecordType.A),
                  has(records, RecordType.AAAA),
                  has(records, RecordType.SRV),
                  s.healthCheckCustomConfig() != null);
            });
  }

  @Override
  public void register(
      Scope scope, String registryArn, String instanceId, Map<String, String> attributes) {
    Optional<Service> s = services.find(scope, registryArn);
    if (s.isEmpty()) {
      LOG.info("Registry {} is gone; task {} not registered", registryArn, instanceId);
      return;
    }
    try {
      instances.register(scope, s.get(), instanceId, null, attributes);
    } catch (AwsException e) {
      LOG.warn("Task {} not registered in {}: {}", instanceId, registryArn, e.getMessage());
    }
  }

  @Override
  public void deregister(Scope scope, String registryArn, String instanceId) {
    services
        .find(scope, registryArn)
        .ifPresent(
            s -> {
              try {
                instances.deregister(scope, s, instanceId);
              } catch (AwsException e) {
                // already gone: nothing to do
              }
            });
  }

  @Override
  public void health(Scope scope, String registryArn, String instanceId, boolean healthy) {
    Optional<Service> s = services.find(scope, registryArn);
    if (s.isEmpty() || s.get().healthCheckCustomConfig() == null) {
      return;
    }
    try {
      instances.updateHealth(
          new RequestContext("ecs", scope),
          UpdateInstanceCustomHealthStatusRequest.builder()
              .serviceId(s.get().id())
              .instanceId(instanceId)
              .status(healthy ? CustomHealthStatus.HEALTHY : CustomHealthStatus.UNHEALTHY)
              .build());
    } catch (AwsException e) {
      // deregistered meanwhile: nothing to report on
    }
  }

  @Override
  public List<Member> members() {
    List<Member> out = new ArrayList<>();
    for (Map.Entry<String, Instance> e : registry.all().entrySet()) {
      Instance i = e.getValue();
      if (!i.attributes().containsKey(ECS_CLUSTER_NAME)) {
        continue;
      }
      String serviceArn = e.getKey().substring(0, e.getKey().length() - i.id().length() - 1);
      Arn.parse(serviceArn)
          .ifPresent(a -> out.add(new Member(a.scope(), serviceArn, i.id(), i.attributes())));
    }
    return out;
  }

  @Override
  public Optional<String> namespace(Scope scope, String nameOrArn) {
    if (Arn.looksLikeArn(nameOrArn)) {
      return namespaces
          .find(scope, nameOrArn)
          .filter(n -> n.arn().equals(nameOrArn))
          .map(Namespace::arn);
    }
    return namespaces.all().stream()
        .filter(n -> n.arn().startsWith(prefix(scope, "namespace")) && n.name().equals(nameOrArn))
        .map(Namespace::arn)
        .findFirst();
  }

  @Override
  public synchronized String namespaceOrCreate(Scope scope, String nameOrArn) {
    Optional<String> found = namespace(scope, nameOrArn);
    if (found.isPresent() || Arn.looksLikeArn(nameOrArn)) {
      return found.orElse(nameOrArn);
    }
    // ECS creates an HTTP namespace ("API calls" discovery only) for a new default name.
    namespaces.createHttp(
        new RequestContext("ecs", scope),
        CreateHttpNamespaceRequest.builder()
            .name(nameOrArn)
            .creatorRequestId(UUID.randomUUID().toString())
            .build());
    return namespace(scope, nameOrArn).orElseThrow();
  }

  @Override
  public synchronized String serviceOrCreate(Scope scope, String namespaceArn, String name) {
    Namespace ns = namespaces.require(scope, namespaceArn);
    Optional<Service> existing = services.byName(scope, ns.id(), name);
    if (existing.isPresent()) {
      return existing.get().arn();
    }
    return services
        .createService(
            new RequestContext("ecs", scope),
            CreateServiceRequest.builder()
                .name(name)
                .namespaceId(ns.id())
                .creatorRequestId(UUID.randomUUID().toString())
                .build())
        .service()
        .arn();
  }

  @Override
  public String namespaceName(Scope scope, String namespaceArn) {
    return namespaces.find(scope, namespaceArn).map(Namespace::name).orElse(null);
  }

  @Override
  public void alias(String dnsName, String registryArn) {
    aliases.put(dnsName, registryArn);
  }

  private static String prefix(Scope scope, String type) {
    return "arn:"
        + Arn.PARTITION
        + ":servicediscovery:"
        + scope.region()
        + ":"
        + scope.account()
        + ":"
        + type
        + "/";
  }

  private static boolean has(List<DnsRecord> records, RecordType type) {
    return records.stream().anyMatch(r -> r.type() == type);
  }
}
