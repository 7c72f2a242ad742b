package io.kecs.servicediscovery.namespace;

import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.servicediscovery.common.Checks;
import io.kecs.servicediscovery.error.InvalidInput;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;
import software.amazon.awssdk.services.servicediscovery.model.SOA;
import software.amazon.awssdk.services.servicediscovery.model.UpdateHttpNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdateHttpNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.UpdatePrivateDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdatePrivateDnsNamespaceResponse;
import software.amazon.awssdk.services.servicediscovery.model.UpdatePublicDnsNamespaceRequest;
import software.amazon.awssdk.services.servicediscovery.model.UpdatePublicDnsNamespaceResponse;

/** The three namespace updates: a description, and for DNS namespaces the SOA record's TTL. */
final class NamespaceUpdates {
  private final NamespaceService namespaces;

  NamespaceUpdates(NamespaceService namespaces) {
    this.namespaces = namespaces;
  }

  void bind(AwsJsonService service) {
    service.add("UpdateHttpNamespace", UpdateHttpNamespaceRequest.class, this::updateHttp);
    service.add(
        "UpdatePrivateDnsNamespace", UpdatePrivateDnsNamespaceRequest.class, this::updatePrivate);
    service.add(
        "UpdatePublicDnsNamespace", UpdatePublicDnsNamespaceRequest.class, this::updatePublic);
  }

  UpdateHttpNamespaceResponse updateHttp(RequestContext ctx, UpdateHttpNamespaceRequest r) {
    Namespace n = typed(ctx, r.id(), NamespaceType.HTTP);
    Checks.maxLength("Description", r.namespace().description(), 1024);
    String op =
        namespaces.update(
            ctx.scope(), n.toBuilder().description(r.namespace().description()).build());
    return UpdateHttpNamespaceResponse.builder().operationId(op).build();
  }

  UpdatePrivateDnsNamespaceResponse updatePrivate(
      RequestContext ctx, UpdatePrivateDnsNamespaceRequest r) {
    Namespace n = typed(ctx, r.id(), NamespaceType.DNS_PRIVATE);
    Long ttl =
        r.namespace().properties() == null
            ? null
            : r.namespace().properties().dnsProperties().soa().ttl();
    String op = namespaces.update(ctx.scope(), changed(n, r.namespace().description(), ttl));
    return UpdatePrivateDnsNamespaceResponse.builder().operationId(op).build();
  }

  UpdatePublicDnsNamespaceResponse updatePublic(
      RequestContext ctx, UpdatePublicDnsNamespaceRequest r) {
    Namespace n = typed(ctx, r.id(), NamespaceType.DNS_PUBLIC);
    Long ttl =
        r.namespace().properties() == null
            ? null
            : r.namespace().properties().dnsProperties().soa().ttl();
    String op = namespaces.update(ctx.scope(), changed(n, r.namespace().description(), ttl));
    return UpdatePublicDnsNamespaceResponse.builder().operationId(op).build();
  }

  private Namespace typed(RequestContext ctx, String id, NamespaceType type) {
    Namespace n = namespaces.require(ctx.scope(), id);
    if (n.type() != type) {
      throw new InvalidInput(
          "The namespace " + n.id() + " is of type " + n.typeAsString() + ", not " + type + ".");
    }
    return n;
  }

  private static Namespace changed(Namespace n, String description, Long soaTtl) {
    Checks.maxLength("Description", description, 1024);
    NamespaceRules.soaTtl(soaTtl);
    if (description == null && soaTtl == null) {
      throw new InvalidInput("The update changes nothing: give a Description or Properties.");
    }
    Namespace.Builder b = n.toBuilder();
    if (description != null) {
      b.description(description);
    }
    if (soaTtl != null) {
      var dns = n.properties().dnsProperties().toBuilder().soa(SOA.builder().ttl(soaTtl).build());
      b.properties(n.properties().toBuilder().dnsProperties(dns.build()).build());
    }
    return b.build();
  }
}
