package io.kecs.servicediscovery.service;

import io.kecs.clock.Scheduler;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.servicediscovery.common.Checks;
import io.kecs.servicediscovery.common.CloudMapIds;
import io.kecs.servicediscovery.common.ListFilter;
import io.kecs.servicediscovery.common.Pages;
import io.kecs.servicediscovery.error.InvalidInput;
import io.kecs.servicediscovery.error.ResourceInUse;
import io.kecs.servicediscovery.error.ServiceAlreadyExists;
import io.kecs.servicediscovery.error.ServiceNotFound;
import io.kecs.servicediscovery.namespace.NamespaceService;
import io.kecs.servicediscovery.operation.OperationService;
import io.kecs.servicediscovery.tag.TagService;
import io.kecs.store.RecordTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.servicediscovery.model.CreateServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreateServiceResponse;
import software.amazon.awssdk.services.servicediscovery.model.DeleteServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.DeleteServiceResponse;
import software.amazon.awssdk.services.servicediscovery.model.DnsConfig;
import software.amazon.awssdk.services.servicediscovery.model.GetServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetServiceResponse;
import software.amazon.awssdk.services.servicediscovery.model.ListServicesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListServicesResponse;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilter;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceType;
import software.amazon.awssdk.services.servicediscovery.model.ServiceTypeOption;

/**
 * The service aggregate. A record is the {@link Service} as configured; its instance count is
 * computed when shown. A service with a DNS config in a DNS namespace is DNS_HTTP (found by DNS and
 * by DiscoverInstances), every other one HTTP.
 */
public final class ServiceService {
  private final RecordTable<Service> table;
  private final NamespaceService namespaces;
  private final OperationService operations;
  private final TagService tags;
  private final Scheduler clock;
  private volatile ToIntFunction<String> instanceCount = arn -> 0;
  private final List<Consumer<Service>> deleteListeners = new CopyOnWriteArrayList<>();

  public ServiceService(
      RecordTable<Service> table,
      NamespaceService namespaces,
      OperationService operations,
      TagService tags,
      Scheduler clock) {
    this.table = table;
    this.namespaces = namespaces;
    this.operations = operations;
    this.tags = tags;
    this.clock = clock;
    namespaces.connectServiceCount(
        nsArn ->
            (int)
                inNamespace(CloudMapIds.idOf(nsArn), Arn.parse(nsArn).orElseThrow().scope())
                    .count());
  }

  /** Wires the count of instances of a service (by service ARN). */
  public void connectInstanceCount(ToIntFunction<String> instanceCount) {
    this.instanceCount = instanceCount;
  }

  /** Tells {@code listener} of each deleted service, so what hangs off it goes too. */
  public void onDelete(Consumer<Service> listener) {
    deleteListeners.add(listener);
  }

  public void bind(AwsJsonService service) {
    service.add("CreateService", CreateServiceRequest.class, this::createService);
    service.add("GetService", GetServiceRequest.class, this::getService);
    service.add("ListServices", ListServicesRequest.class, this::listServices);
    service.add("DeleteService", DeleteServiceRequest.class, this::deleteService);
    new ServiceUpdates(this, namespaces, operations).bind(service);
  }

  public Optional<Service> find(Scope scope, String idOrArn) {
    return CloudMapIds.resolve(scope, idOrArn, "service").flatMap(a -> table.get(a.toString()));
  }

  public Service require(Scope scope, String idOrArn) {
    return find(scope, idOrArn)
        .orElseThrow(() -> new ServiceNotFound("No service exists with ID: " + idOrArn));
  }

  /** The services of a namespace, in ARN order. */
  public java.util.stream.Stream<Service> inNamespace(String namespaceId, Scope scope) {
    return table.range(prefix(scope)).values().stream()
        .filter(s -> namespaceId.equals(s.namespaceId()));
  }

  /** A namespace's service by name (DNS names compare without case). */
  public Optional<Service> byName(Scope scope, String namespaceId, String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return inNamespace(namespaceId, scope)
        .filter(s -> s.name().toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  public boolean exists(Arn arn) {
    return table.get(arn.toString()).isPresent();
  }

  public Collection<Service> all() {
    return table.all();
  }

  public synchronized CreateServiceResponse createService(
      RequestContext ctx, CreateServiceRequest r) {
    Scope scope = ctx.scope();
    ServiceRules.name(r.name());
    Checks.maxLength("Description", r.description(), 1024);
    Checks.maxLength("CreatorRequestId", r.creatorRequestId(), 64);
    TagService.validate(null, r.tags());
    String namespaceRef = r.namespaceId();
    DnsConfig dns = r.dnsConfig();
    if (dns != null && dns.namespaceId() != null) {
      if (namespaceRef != null && !sameNamespace(scope, namespaceRef, dns.namespaceId())) {
        throw new InvalidInput("NamespaceId and DnsConfig.NamespaceId name different namespaces.");
      }
      namespaceRef = namespaceRef == null ? dns.namespaceId() : namespaceRef;
    }
    if (namespaceRef == null) {
      throw new InvalidInput("NamespaceId is required.");
    }
    Namespace ns = namespaces.require(scope, namespaceRef);
    ServiceType type = type(ns, r.type(), dns);
    Service.Builder b =
        Service.builder()
            .resourceOwner(scope.account())
            .createdByAccount(scope.account())
            .name(r.name())
            .namespaceId(ns.id())
            .description(r.description())
            .type(type)
            .creatorRequestId(r.creatorRequestId());
    if (dns != null) {
      RoutingPolicy policy =
          dns.routingPolicy() == null ? RoutingPolicy.MULTIVALUE : dns.routingPolicy();
      ServiceRules.records(dns.dnsRecords(), policy);
      b.dnsConfig(DnsConfig.builder().routingPolicy(policy).dnsRecords(dns.dnsRecords()).build());
    }
    if (r.healthCheckConfig() != null && r.healthCheckCustomConfig() != null) {
      throw new InvalidInput(
          "Specify either HealthCheckConfig or HealthCheckCustomConfig, not both.");
    }
    if (r.healthCheckConfig() != null) {
      if (ns.type() != NamespaceType.DNS_PUBLIC) {
        throw new InvalidInput("HealthCheckConfig is supported only in public DNS namespaces.");
      }
      b.healthCheckConfig(ServiceRules.healthCheck(r.healthCheckConfig()));
    }
    if (r.healthCheckCustomConfig() != null) {
      Integer t = r.healthCheckCustomConfig().failureThreshold();
      if (t != null && (t < 1 || t > 10)) {
        throw new InvalidInput("FailureThreshold must be between 1 and 10.");
      }
      b.healthCheckCustomConfig(r.healthCheckCustomConfig());
    }
    Optional<Service> same = byName(scope, ns.id(), r.name());
    if (same.isPresent()) {
      Service s = same.get();
      if (r.creatorRequestId() != null && r.creatorRequestId().equals(s.creatorRequestId())) {
        return CreateServiceResponse.builder().service(view(s)).build(); // an idempotent retry
      }
      java.util.Map<String, String> details = new java.util.HashMap<>();
      details.put("ServiceId", s.id());
      details.put("ServiceArn", s.arn());
      if (s.creatorRequestId() != null) {
        details.put("CreatorRequestId", s.creatorRequestId());
      }
      throw new ServiceAlreadyExists("Service " + r.name() + " already exists.", details);
    }
    String id = CloudMapIds.serviceId();
    Arn arn = CloudMapIds.arn(scope, "service", id);
    Service created = b.id(id).arn(arn.toString()).createDate(clock.now()).build();
    table.put(arn.toString(), created);
    tags.setTags(arn, r.tags());
    return CreateServiceResponse.builder().service(view(created)).build();
  }

  private boolean sameNamespace(Scope scope, String a, String b) {
    return CloudMapIds.resolve(scope, a, "namespace")
        .equals(CloudMapIds.resolve(scope, b, "namespace"));
  }

  private static ServiceType type(Namespace ns, ServiceTypeOption option, DnsConfig dns) {
    if (ns.type() == NamespaceType.HTTP) {
      if (dns != null) {
        throw new InvalidInput("DnsConfig can't be specified for a service in an HTTP namespace.");
      }
      return ServiceType.HTTP;
    }
    if (option == ServiceTypeOption.HTTP) {
      if (dns != null) {
        throw new InvalidInput("DnsConfig can't be specified for a service of type HTTP.");
      }
      return ServiceType.HTTP;
    }
    return dns == null ? ServiceType.HTTP : ServiceType.DNS_HTTP;
  }

  GetServiceResponse getService(RequestContext ctx, GetServiceRequest r) {
    return GetServiceResponse.builder().service(view(require(ctx.scope(), r.id()))).build();
  }

  ListServicesResponse listServices(RequestContext ctx, ListServicesRequest r) {
    Predicate<Service> filter = s -> true;
    for (ServiceFilter f : r.filters()) {
      ListFilter lf = new ListFilter(f.nameAsString(), f.values(), f.conditionAsString());
      filter =
          filter.and(
              switch (f.nameAsString()) {
                case "NAMESPACE_ID" -> {
                  lf.check(Set.of("EQ", "IN"));
                  List<String> ids = new ArrayList<>();
                  lf.values().forEach(v -> ids.add(CloudMapIds.idOf(v)));
                  ListFilter byId = new ListFilter(lf.name(), ids, "IN");
                  yield s -> byId.matches(s.namespaceId());
                }
                case "RESOURCE_OWNER" -> {
                  lf.check(Set.of("EQ"));
                  yield s -> lf.matches(s.resourceOwner());
                }
                default -> throw new InvalidInput("Unknown filter name " + f.nameAsString() + ".");
              });
    }
    Pages.Page<ServiceSummary> page =
        Pages.page(
            "services",
            table.range(prefix(ctx.scope())),
            filter,
            this::summary,
            Pages.limit(r.maxResults(), 100, 100),
            r.nextToken());
    return ListServicesResponse.builder()
        .services(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  synchronized DeleteServiceResponse deleteService(RequestContext ctx, DeleteServiceRequest r) {
    Service s = require(ctx.scope(), r.id());
    if (instanceCount.applyAsInt(s.arn()) > 0) {
      throw new ResourceInUse(
          "The service " + s.id() + " has registered instances; deregister them first.");
    }
    table.delete(s.arn());
    tags.forget(Arn.parse(s.arn()).orElseThrow());
    deleteListeners.forEach(l -> l.accept(s));
    return DeleteServiceResponse.builder().build();
  }

  /** Stores an updated service (the update operation is recorded by the caller). */
  synchronized void replace(Service updated) {
    table.put(updated.arn(), updated);
  }

  Service view(Service s) {
    return s.toBuilder().instanceCount(instanceCount.applyAsInt(s.arn())).build();
  }

  private ServiceSummary summary(Service s) {
    return ServiceSummary.builder()
        .id(s.id())
        .arn(s.arn())
        .resourceOwner(s.resourceOwner())
        .name(s.name())
        .type(s.type())
        .description(s.description())
        .instanceCount(instanceCount.applyAsInt(s.arn()))
        .dnsConfig(s.dnsConfig())
        .healthCheckConfig(s.healthCheckConfig())
        .healthCheckCustomConfig(s.healthCheckCustomConfig())
        .createDate(s.createDate())
        .createdByAccount(s.createdByAccount())
        .build();
  }

  private static String prefix(Scope scope) {
    return CloudMapIds.arn(scope, "service", "").toString();
  }

  static Map<String, String> target(Service s) {
    return Map.of("SERVICE", s.id());
  }
}
