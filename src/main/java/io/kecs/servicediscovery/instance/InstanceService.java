package io.kecs.servicediscovery.instance;

import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.servicediscovery.common.Checks;
import io.kecs.servicediscovery.common.Pages;
import io.kecs.servicediscovery.error.CustomHealthNotFound;
import io.kecs.servicediscovery.error.DuplicateRequest;
import io.kecs.servicediscovery.error.InstanceNotFound;
import io.kecs.servicediscovery.error.InvalidInput;
import io.kecs.servicediscovery.error.ResourceLimitExceeded;
import io.kecs.servicediscovery.operation.OperationService;
import io.kecs.servicediscovery.service.ServiceService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.DeregisterInstanceRequest;
import software.amazon.awssdk.services.servicediscovery.model.DeregisterInstanceResponse;
import software.amazon.awssdk.services.servicediscovery.model.GetInstanceRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetInstanceResponse;
import software.amazon.awssdk.services.servicediscovery.model.GetInstancesHealthStatusRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetInstancesHealthStatusResponse;
import software.amazon.awssdk.services.servicediscovery.model.Instance;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ListInstancesRequest;
import software.amazon.awssdk.services.servicediscovery.model.ListInstancesResponse;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.RegisterInstanceRequest;
import software.amazon.awssdk.services.servicediscovery.model.RegisterInstanceResponse;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.UpdateInstanceCustomHealthStatusRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdateInstanceCustomHealthStatusResponse;

/**
 * Registering and deregistering instances and their custom health. Registering an id that exists
 * replaces its attributes (as AWS does); a CreatorRequestId seen before answers the same operation
 * for the same instance and DuplicateRequest for another.
 */
public final class InstanceService {
  static final int MAX_INSTANCES_PER_SERVICE = 1000;

  private final InstanceRegistry registry;
  private final ServiceService services;
  private final OperationService operations;

  public InstanceService(
      InstanceRegistry registry, ServiceService services, OperationService operations) {
    this.registry = registry;
    this.services = services;
    this.operations = operations;
    services.connectInstanceCount(registry::count);
    services.onDelete(registry::forget);
  }

  public void bind(AwsJsonService service) {
    service.add("RegisterInstance", RegisterInstanceRequest.class, this::register);
    service.add("DeregisterInstance", DeregisterInstanceRequest.class, this::deregister);
    service.add("GetInstance", GetInstanceRequest.class, this::getInstance);
    service.add("ListInstances", ListInstancesRequest.class, this::listInstances);
    service.add(
        "GetInstancesHealthStatus", GetInstancesHealthStatusRequest.class, this::healthStatus);
    service.add(
        "UpdateInstanceCustomHealthStatus",
        UpdateInstanceCustomHealthStatusRequest.class,
        this::updateHealth);
  }

  /** Registers (or re-registers) an instance; returns the operation id. */
  public synchronized String register(
      Scope scope,
      Service s,
      String instanceId,
      String creatorRequestId,
      Map<String, String> attributes) {
    InstanceAttributes.instanceId(instanceId);
    Checks.maxLength("CreatorRequestId", creatorRequestId, 64);
    InstanceAttributes.check(s, attributes);
    if (creatorRequestId != null) {
      for (Instance i : registry.of(s.arn())) {
        if (creatorRequestId.equals(i.creatorRequestId())) {
          String previous =
              operations.latest(scope, OperationType.REGISTER_INSTANCE, i.id()).orElse("");
          if (i.id().equals(instanceId)) {
            return previous;
          }
          throw new DuplicateRequest(
              "Another instance was registered with the CreatorRequestId " + creatorRequestId + ".",
              Map.of("DuplicateOperationId", previous));
        }
      }
    }
    Optional<Instance> existing = registry.get(s.arn(), instanceId);
    if (existing.isEmpty() && registry.count(s.arn()) >= MAX_INSTANCES_PER_SERVICE) {
      throw new ResourceLimitExceeded(
          "The service has reached the limit of " + MAX_INSTANCES_PER_SERVICE + " instances.");
    }
    Instance instance =
        Instance.builder()
            .id(instanceId)
            .creatorRequestId(creatorRequestId)
            .attributes(new TreeMap<>(attributes))
            .createdByAccount(scope.account())
            .build();
    String init = attributes.get(InstanceAttributes.INIT_HEALTH);
    CustomHealthStatus health =
        s.healthCheckCustomConfig() == null || existing.isPresent()
            ? null
            : CustomHealthStatus.fromValue(init == null ? "HEALTHY" : init);
    registry.put(s, instance, health);
    return operations.submit(
        scope, OperationType.REGISTER_INSTANCE, Map.of("SERVICE", s.id(), "INSTANCE", instanceId));
  }

  /** Deregisters an instance; returns the operation id. */
  public synchronized String deregister(Scope scope, Service s, String instanceId) {
    if (registry.get(s.arn(), instanceId).isEmpty()) {
      throw new InstanceNotFound(
          "No instance found with ID " + instanceId + " in service " + s.id());
    }
    registry.remove(s, instanceId);
    return operations.submit(
        scope,
        OperationType.DEREGISTER_INSTANCE,
        Map.of("SERVICE", s.id(), "INSTANCE", instanceId));
  }

  RegisterInstanceResponse register(RequestContext ctx, RegisterInstanceRequest r) {
    Service s = services.require(ctx.scope(), r.serviceId());
    String op = register(ctx.scope(), s, r.instanceId(), r.creatorRequestId(), r.attributes());
    return RegisterInstanceResponse.builder().operationId(op).build();
  }

  DeregisterInstanceResponse deregister(RequestContext ctx, DeregisterInstanceRequest r) {
    Service s = services.require(ctx.scope(), r.serviceId());
    return DeregisterInstanceResponse.builder()
        .operationId(deregister(ctx.scope(), s, r.instanceId()))
        .build();
  }

  GetInstanceResponse getInstance(RequestContext ctx, GetInstanceRequest r) {
    Service s = services.require(ctx.scope(), r.serviceId());
    Instance i = requireInstance(s, r.instanceId());
    return GetInstanceResponse.builder().resourceOwner(s.resourceOwner()).instance(i).build();
  }

  ListInstancesResponse listInstances(RequestContext ctx, ListInstancesRequest r) {
    Service s = services.require(ctx.scope(), r.serviceId());
    java.util.NavigableMap<String, Instance> byId = new java.util.TreeMap<>();
    registry.of(s.arn()).forEach(i -> byId.put(i.id(), i));
    Pages.Page<InstanceSummary> page =
        Pages.page(
            "instances/" + s.id(),
            byId,
            i -> true,
            i ->
                InstanceSummary.builder()
                    .id(i.id())
                    .attributes(i.attributes())
                    .createdByAccount(i.createdByAccount())
                    .build(),
            Pages.limit(r.maxResults(), 100, 100),
            r.nextToken());
    return ListInstancesResponse.builder()
        .instances(page.items())
        .nextToken(page.nextToken())
        .resourceOwner(s.resourceOwner())
        .build();
  }

  GetInstancesHealthStatusResponse healthStatus(
      RequestContext ctx, GetInstancesHealthStatusRequest r) {
    Service s = services.require(ctx.scope(), r.serviceId());
    java.util.NavigableMap<String, String> byId = new java.util.TreeMap<>();
    if (r.hasInstances() && !r.instances().isEmpty()) {
      for (String id : r.instances()) {
        requireInstance(s, id);
        byId.put(id, id);
      }
    } else {
      registry.of(s.arn()).forEach(i -> byId.put(i.id(), i.id()));
    }
    Pages.Page<String> page =
        Pages.page(
            "health/" + s.id(),
            byId,
            id -> true,
            id -> id,
            Pages.limit(r.maxResults(), 100, 100),
            r.nextToken());
    Map<String, String> status = new LinkedHashMap<>();
    page.items().forEach(id -> status.put(id, registry.healthOf(s, id).toString()));
    return GetInstancesHealthStatusResponse.builder()
        .statusWithStrings(status)
        .nextToken(page.nextToken())
        .build();
  }

  public UpdateInstanceCustomHealthStatusResponse updateHealth(
      RequestContext ctx, UpdateInstanceCustomHealthStatusRequest r) {
    Service s = services.require(ctx.scope(), r.serviceId());
    requireInstance(s, r.instanceId());
    if (s.healthCheckCustomConfig() == null) {
      throw new CustomHealthNotFound(
          "The service " + s.id() + " has no custom health check configuration.");
    }
    if (r.status() == null || r.status() == CustomHealthStatus.UNKNOWN_TO_SDK_VERSION) {
      throw new InvalidInput("Status must be HEALTHY or UNHEALTHY.");
    }
    registry.setHealth(s, r.instanceId(), r.status());
    return UpdateInstanceCustomHealthStatusResponse.builder().build();
  }

  private Instance requireInstance(Service s, String instanceId) {
    return registry
        .get(s.arn(), instanceId)
        .orElseThrow(
            () ->
                new InstanceNotFound(
                    "No instance found with ID " + instanceId + " in service " + s.id()));
  }
}
