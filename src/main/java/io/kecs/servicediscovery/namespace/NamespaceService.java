package io.kecs.servicediscovery.namespace;

import io.kecs.clock.Scheduler;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.servicediscovery.common.Checks;
import io.kecs.servicediscovery.common.CloudMapIds;
import io.kecs.servicediscovery.common.ListFilter;
import io.kecs.servicediscovery.common.Pages;
import io.kecs.servicediscovery.error.DuplicateRequest;
import io.kecs.servicediscovery.error.InvalidInput;
import io.kecs.servicediscovery.error.NamespaceAlreadyExists;
import io.kecs.servicediscovery.error.NamespaceNotFound;
import io.kecs.servicediscovery.error.ResourceInUse;
import io.kecs.servicediscovery.error.ResourceLimitExceeded;
import io.kecs.servicediscovery.operation.OperationService;
import io.kecs.servicediscovery.tag.TagService;
import io.kecs.store.RecordTable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.servicediscovery.model.CreateHttpNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreateHttpNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.CreatePrivateDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreatePrivateDnsNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.CreatePublicDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.CreatePublicDnsNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.DeleteNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.DeleteNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.DnsProperties;
import software.amazon.awssdk.services.servicediscovery.model.GetNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.HttpProperties;
import software.amazon.awssdk.services.servicediscovery.model.ListNamespacesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListNamespacesResponse;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceFilter;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceProperties;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.SOA;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/**
 * The namespace aggregate. A record is the {@link Namespace} as created (its service count is
 * computed when shown). Names are unique per account and region whatever the type, since
 * DiscoverInstances and KECS's one DNS server find a namespace by name.
 */
public final class NamespaceService {
  static final int MAX_NAMESPACES = 50;

  private final RecordTable<Namespace> table;
  private final OperationService operations;
  private final TagService tags;
  private final Scheduler clock;
  private volatile ToIntFunction<String> serviceCount = arn -> 0;

  public NamespaceService(
      RecordTable<Namespace> table, OperationService operations, TagService tags, Scheduler clock) {
    this.table = table;
    this.operations = operations;
    this.tags = tags;
    this.clock = clock;
  }

  /** Wires the count of services in a namespace (by namespace ARN). */
  public void connectServiceCount(ToIntFunction<String> serviceCount) {
    this.serviceCount = serviceCount;
  }

  public void bind(AwsJsonService service) {
    service.add("CreateHttpNamespace", CreateHttpNamespaceRequest.class, this::createHttp);
    service.add(
        "CreatePrivateDnsNamespace", CreatePrivateDnsNamespaceRequest.class, this::createPrivate);
    service.add(
        "CreatePublicDnsNamespace", CreatePublicDnsNamespaceRequest.class, this::createPublic);
    service.add("GetNamespace", GetNamespaceRequest.class, this::getNamespace);
    service.add("ListNamespaces", ListNamespacesRequest.class, this::listNamespaces);
    service.add("DeleteNamespace", DeleteNamespaceRequest.class, this::deleteNamespace);
    new NamespaceUpdates(this).bind(service);
  }

  /** A namespace by id or ARN in the caller's scope. */
  public Optional<Namespace> find(Scope scope, String idOrArn) {
    return CloudMapIds.resolve(scope, idOrArn, "namespace").flatMap(a -> table.get(a.toString()));
  }

  public Namespace require(Scope scope, String idOrArn) {
    return find(scope, idOrArn)
        .orElseThrow(() -> new NamespaceNotFound("No namespace exists with ID: " + idOrArn));
  }

  /** The namespace DiscoverInstances names: its HTTP name (a DNS namespace's is its name). */
  public Optional<Namespace> byHttpName(Scope scope, String name) {
    return table.range(prefix(scope)).values().stream()
        .filter(n -> n.properties().httpProperties().httpName().equals(name))
        .findFirst();
  }

  /** Every namespace of every scope (for the DNS server, which serves all of them). */
  public Collection<Namespace> all() {
    return table.all();
  }

  public boolean exists(Arn arn) {
    return table.get(arn.toString()).isPresent();
  }

  public CreateHttpNamespaceResponse createHttp(RequestContext ctx, CreateHttpNamespaceRequest r) {
    String name = NamespaceRules.httpName(r.name());
    return CreateHttpNamespaceResponse.builder()
        .operationId(
            create(
                ctx,
                NamespaceType.HTTP,
                name,
                r.creatorRequestId(),
                r.description(),
                null,
                r.tags()))
        .build();
  }

  CreatePrivateDnsNamespaceResponse createPrivate(
      RequestContext ctx, CreatePrivateDnsNamespaceRequest r) {
    String name = NamespaceRules.privateName(r.name());
    Checks.maxLength("Vpc", r.vpc(), 64);
    if (r.vpc().isEmpty()) {
      throw new InvalidInput("Vpc must not be empty.");
    }
    Long ttl = r.properties() == null ? null : r.properties().dnsProperties().soa().ttl();
    String op =
        create(
            ctx,
            NamespaceType.DNS_PRIVATE,
            name,
            r.creatorRequestId(),
            r.description(),
            ttl,
            r.tags());
    return CreatePrivateDnsNamespaceResponse.builder().operationId(op).build();
  }

  CreatePublicDnsNamespaceResponse createPublic(
      RequestContext ctx, CreatePublicDnsNamespaceRequest r) {
    String name = NamespaceRules.publicName(r.name());
    Long ttl = r.properties() == null ? null : r.properties().dnsProperties().soa().ttl();
    String op =
        create(
            ctx,
            NamespaceType.DNS_PUBLIC,
            name,
            r.creatorRequestId(),
            r.description(),
            ttl,
            r.tags());
    return CreatePublicDnsNamespaceResponse.builder().operationId(op).build();
  }

  private synchronized String create(
      RequestContext ctx,
      NamespaceType type,
      String name,
      String creatorRequestId,
      String description,
      Long soaTtl,
      List<Tag> requestTags) {
    Checks.maxLength("CreatorRequestId", creatorRequestId, 64);
    Checks.maxLength("Description", description, 1024);
    NamespaceRules.soaTtl(soaTtl);
    TagService.validate(null, requestTags);
    Scope scope = ctx.scope();
    Collection<Namespace> existing = table.range(prefix(scope)).values();
    if (creatorRequestId != null) {
      for (Namespace n : existing) {
        if (creatorRequestId.equals(n.creatorRequestId())) {
          String previous =
              operations.latest(scope, OperationType.CREATE_NAMESPACE, n.id()).orElse("");
          if (n.name().equals(name) && n.type() == type) {
            return previous; // a retry of the same request: the same operation
          }
          throw new DuplicateRequest(
              "Another namespace was created with the CreatorRequestId " + creatorRequestId + ".",
              Map.of("DuplicateOperationId", previous));
        }
      }
    }
    String identity = NamespaceRules.identity(name);
    for (Namespace n : existing) {
      if (NamespaceRules.identity(n.name()).equals(identity)) {
        Map<String, String> details = new HashMap<>();
        details.put("NamespaceId", n.id());
        if (n.creatorRequestId() != null) {
          details.put("CreatorRequestId", n.creatorRequestId());
        }
        throw new NamespaceAlreadyExists("Namespace " + name + " already exists.", details);
      }
    }
    if (existing.size() >= MAX_NAMESPACES) {
      throw new ResourceLimitExceeded(
          "The account has reached the limit of " + MAX_NAMESPACES + " namespaces.");
    }
    String id = CloudMapIds.namespaceId();
    Arn arn = CloudMapIds.arn(scope, "namespace", id);
    NamespaceProperties.Builder props =
        NamespaceProperties.builder()
            .httpProperties(HttpProperties.builder().httpName(name).build());
    if (type != NamespaceType.HTTP) {
      props.dnsProperties(
          DnsProperties.builder()
              .hostedZoneId(CloudMapIds.hostedZoneId())
              .soa(
                  SOA.builder()
                      .ttl(soaTtl == null ? NamespaceRules.DEFAULT_SOA_TTL : soaTtl)
                      .build())
              .build());
    }
    Namespace namespace =
        Namespace.builder()
            .id(id)
            .arn(arn.toString())
            .resourceOwner(scope.account())
            .name(name)
            .type(type)
            .description(description)
            .properties(props.build())
            .createDate(clock.now())
            .creatorRequestId(creatorRequestId)
            .build();
    table.put(arn.toString(), namespace);
    tags.setTags(arn, requestTags);
    return operations.submit(scope, OperationType.CREATE_NAMESPACE, Map.of("NAMESPACE", id));
  }

  GetNamespaceResponse getNamespace(RequestContext ctx, GetNamespaceRequest r) {
    return GetNamespaceResponse.builder().namespace(view(require(ctx.scope(), r.id()))).build();
  }

  ListNamespacesResponse listNamespaces(RequestContext ctx, ListNamespacesRequest r) {
    Predicate<Namespace> filter = n -> true;
    for (NamespaceFilter f : r.filters()) {
      ListFilter lf = new ListFilter(f.nameAsString(), f.values(), f.conditionAsString());
      filter =
          filter.and(
              switch (f.nameAsString()) {
                case "TYPE" -> {
                  lf.check(Set.of("EQ", "IN"));
                  yield n -> lf.matches(n.typeAsString());
                }
                case "NAME" -> {
                  lf.check(Set.of("EQ", "BEGINS_WITH"));
                  yield n -> lf.matches(n.name());
                }
                case "HTTP_NAME" -> {
                  lf.check(Set.of("EQ", "BEGINS_WITH"));
                  yield n -> lf.matches(n.properties().httpProperties().httpName());
                }
                case "RESOURCE_OWNER" -> {
                  lf.check(Set.of("EQ"));
                  yield n -> lf.matches(n.resourceOwner());
                }
                default -> throw new InvalidInput("Unknown filter name " + f.nameAsString() + ".");
              });
    }
    Pages.Page<NamespaceSummary> page =
        Pages.page(
            "namespaces",
            table.range(prefix(ctx.scope())),
            filter,
            this::summary,
            Pages.limit(r.maxResults(), 100, 100),
            r.nextToken());
    return ListNamespacesResponse.builder()
        .namespaces(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  synchronized DeleteNamespaceResponse deleteNamespace(
      RequestContext ctx, DeleteNamespaceRequest r) {
    Namespace n = require(ctx.scope(), r.id());
    if (serviceCount.applyAsInt(n.arn()) > 0) {
      throw new ResourceInUse("The namespace " + n.id() + " has services; delete them first.");
    }
    table.delete(n.arn());
    tags.forget(Arn.parse(n.arn()).orElseThrow());
    String op =
        operations.submit(ctx.scope(), OperationType.DELETE_NAMESPACE, Map.of("NAMESPACE", n.id()));
    return DeleteNamespaceResponse.builder().operationId(op).build();
  }

  /** Replaces a namespace's record after an update; returns the update's operation id. */
  synchronized String update(Scope scope, Namespace updated) {
    table.put(updated.arn(), updated);
    return operations.submit(
        scope, OperationType.UPDATE_NAMESPACE, Map.of("NAMESPACE", updated.id()));
  }

  Namespace view(Namespace n) {
    return n.toBuilder().serviceCount(serviceCount.applyAsInt(n.arn())).build();
  }

  private NamespaceSummary summary(Namespace n) {
    return NamespaceSummary.builder()
        .id(n.id())
        .arn(n.arn())
        .resourceOwner(n.resourceOwner())
        .name(n.name())
        .type(n.type())
        .description(n.description())
        .serviceCount(serviceCount.applyAsInt(n.arn()))
        .properties(n.properties())
        .createDate(n.createDate())
        .build();
  }

  private static String prefix(Scope scope) {
    return CloudMapIds.arn(scope, "namespace", "").toString();
  }
}
