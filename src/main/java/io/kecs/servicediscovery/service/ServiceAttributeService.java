package io.kecs.servicediscovery.service;

import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.servicediscovery.error.InvalidInput;
import io.kecs.servicediscovery.error.ServiceAttributesLimitExceededException;
import io.kecs.store.RecordTable;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.servicediscovery.model.DeleteServiceAttributesRequest;
import software.amazon.awssdk.services.servicediscovery.model.DeleteServiceAttributesResponse;
import software.amazon.awssdk.services.servicediscovery.model.GetServiceAttributesRequest;
import software.amazon.awssdk.services.servicediscovery.model.GetServiceAttributesResponse;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.ServiceAttributes;
import software.amazon.awssdk.services.servicediscovery.model.UpdateServiceAttributesRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdateServiceAttributesResponse;

/** A service's own key-value attributes (at most 30), one record per service ARN. */
public final class ServiceAttributeService {
  static final int MAX_ATTRIBUTES = 30;

  private final RecordTable<ServiceAttributes> table;
  private final ServiceService services;

  public ServiceAttributeService(RecordTable<ServiceAttributes> table, ServiceService services) {
    this.table = table;
    this.services = services;
    services.onDelete(s -> table.delete(s.arn()));
  }

  public void bind(AwsJsonService service) {
    service.add("GetServiceAttributes", GetServiceAttributesRequest.class, this::get);
    service.add("UpdateServiceAttributes", UpdateServiceAttributesRequest.class, this::update);
    service.add("DeleteServiceAttributes", DeleteServiceAttributesRequest.class, this::delete);
  }

  GetServiceAttributesResponse get(RequestContext ctx, GetServiceAttributesRequest r) {
    Service s = services.require(ctx.scope(), r.serviceId());
    return GetServiceAttributesResponse.builder().serviceAttributes(record(s, current(s))).build();
  }

  synchronized UpdateServiceAttributesResponse update(
      RequestContext ctx, UpdateServiceAttributesRequest r) {
    Service s = services.require(ctx.scope(), r.serviceId());
    if (r.attributes().isEmpty()) {
      throw new InvalidInput("Attributes must contain at least one attribute.");
    }
    r.attributes()
        .forEach(
            (k, v) -> {
              if (k.isEmpty() || k.length() > 255 || v.length() > 1024) {
                throw new InvalidInput(
                    "Service attribute keys are 1 to 255 characters, values at most 1024.");
              }
            });
    Map<String, String> merged = current(s);
    merged.putAll(r.attributes());
    if (merged.size() > MAX_ATTRIBUTES) {
      throw new ServiceAttributesLimitExceededException(
          "A service can have at most " + MAX_ATTRIBUTES + " attributes.");
    }
    table.put(s.arn(), record(s, merged));
    return UpdateServiceAttributesResponse.builder().build();
  }

  synchronized DeleteServiceAttributesResponse delete(
      RequestContext ctx, DeleteServiceAttributesRequest r) {
    Service s = services.require(ctx.scope(), r.serviceId());
    if (r.attributes().isEmpty()) {
      throw new InvalidInput("Attributes must name at least one attribute key.");
    }
    Map<String, String> kept = current(s);
    r.attributes().forEach(kept::remove);
    if (kept.isEmpty()) {
      table.delete(s.arn());
    } else {
      table.put(s.arn(), record(s, kept));
    }
    return DeleteServiceAttributesResponse.builder().build();
  }

  private Map<String, String> current(Service s) {
    return new TreeMap<>(table.get(s.arn()).map(ServiceAttributes::attributes).orElse(Map.of()));
  }

  private static ServiceAttributes record(Service s, Map<String, String> attributes) {
    return ServiceAttributes.builder()
        .serviceArn(s.arn())
        .resourceOwner(s.resourceOwner())
        .attributes(attributes)
        .build();
  }
}
