package io.kecs.servicediscovery.service;

import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.servicediscovery.common.Checks;
import io.kecs.servicediscovery.error.InvalidInput;
import io.kecs.servicediscovery.namespace.NamespaceService;
import io.kecs.servicediscovery.operation.OperationService;
import java.util.Set;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.ServiceChange;
import software.amazon.awssdk.services.servicediscovery.model.UpdateServiceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdateServiceResponse;

/**
 * UpdateService: the description, the TTLs of the existing DNS records (their types can't change),
 * and the Route 53 health check config, which an update without one removes, as AWS documents.
 */
final class ServiceUpdates {
  private final ServiceService services;
  private final NamespaceService namespaces;
  private final OperationService operations;

  ServiceUpdates(
      ServiceService services, NamespaceService namespaces, OperationService operations) {
    this.services = services;
    this.namespaces = namespaces;
    this.operations = operations;
  }

  void bind(AwsJsonService service) {
    service.add("UpdateService", UpdateServiceRequest.class, this::updateService);
  }

  UpdateServiceResponse updateService(RequestContext ctx, UpdateServiceRequest r) {
    Service s = services.require(ctx.scope(), r.id());
    ServiceChange change = r.service();
    Checks.maxLength("Description", change.description(), 1024);
    Service.Builder b = s.toBuilder();
    if (change.description() != null) {
      b.description(change.description());
    }
    if (change.dnsConfig() != null) {
      if (s.dnsConfig() == null) {
        throw new InvalidInput("The service " + s.id() + " has no DNS configuration to update.");
      }
      Set<RecordType> now =
          ServiceRules.records(s.dnsConfig().dnsRecords(), s.dnsConfig().routingPolicy());
      Set<RecordType> next =
          ServiceRules.records(change.dnsConfig().dnsRecords(), s.dnsConfig().routingPolicy());
      if (!now.equals(next)) {
        throw new InvalidInput("The types of a service's DNS records can't be changed.");
      }
      java.util.List<DnsRecord> records = change.dnsConfig().dnsRecords();
      b.dnsConfig(s.dnsConfig().toBuilder().dnsRecords(records).build());
    }
    if (change.healthCheckConfig() != null) {
      NamespaceType nsType = namespaces.require(ctx.scope(), s.namespaceId()).type();
      if (nsType != NamespaceType.DNS_PUBLIC) {
        throw new InvalidInput("HealthCheckConfig is supported only in public DNS namespaces.");
      }
      b.healthCheckConfig(ServiceRules.healthCheck(change.healthCheckConfig()));
    } else {
      b.healthCheckConfig(
          (software.amazon.awssdk.services.servicediscovery.model.HealthCheckConfig) null);
    }
    services.replace(b.build());
    String op =
        operations.submit(ctx.scope(), OperationType.UPDATE_SERVICE, ServiceService.target(s));
    return UpdateServiceResponse.builder().operationId(op).build();
  }
}
