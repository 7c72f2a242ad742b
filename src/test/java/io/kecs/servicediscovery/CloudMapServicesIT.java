package io.kecs.servicediscovery;

import static io.kecs.servicediscovery.CloudMapNamespacesIT.errorCode;
import static io.kecs.servicediscovery.CloudMapNamespacesIT.namespaceIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DnsRecord;
import software.amazon.awssdk.services.servicediscovery.model.HealthCheckType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.ServiceAlreadyExistsException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceAttributes;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ServiceType;
import software.amazon.awssdk.services.servicediscovery.model.ServiceTypeOption;
import software.amazon.awssdk.services.servicediscovery.model.Tag;

/** Services and service attributes with the SDK v2 ServiceDiscoveryClient. */
class CloudMapServicesIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  static ServiceDiscoveryClient sd;

  @BeforeAll
  static void client() {
    sd = CloudMapClients.client(kecs.endpoint());
  }

  @AfterAll
  static void close() {
    sd.close();
  }

  private String privateNamespace(String name) {
    return namespaceIdOf(
        sd, sd.createPrivateDnsNamespace(b -> b.name(name).vpc("vpc-1")).operationId());
  }

  @Test
  void createsGetsListsUpdatesAndDeletesServices() {
    String ns = privateNamespace("shop.local");
    Service orders =
        sd.createService(
                b ->
                    b.name("orders")
                        .namespaceId(ns)
                        .description("orders api")
                        .dnsConfig(
                            d ->
                                d.dnsRecords(
                                    r -> r.type(RecordType.A).ttl(10L),
                                    r -> r.type(RecordType.SRV).ttl(20L)))
                        .healthCheckCustomConfig(h -> h.failureThreshold(1))
                        .tags(t -> t.key("team").value("a")))
            .service();
    assertThat(orders.id()).startsWith("srv-");
    assertThat(orders.arn())
        .isEqualTo("arn:aws:servicediscovery:us-east-1:000000000000:service/" + orders.id());
    assertThat(orders.type()).isEqualTo(ServiceType.DNS_HTTP);
    assertThat(orders.dnsConfig().routingPolicy()).isEqualTo(RoutingPolicy.MULTIVALUE);
    assertThat(orders.namespaceId()).isEqualTo(ns);
    assertThat(orders.instanceCount()).isZero();
    Service http =
        sd.createService(b -> b.name("api").namespaceId(ns).type(ServiceTypeOption.HTTP)).service();
    assertThat(http.type()).isEqualTo(ServiceType.HTTP);
    assertThat(sd.getNamespace(b -> b.id(ns)).namespace().serviceCount()).isEqualTo(2);

    assertThat(sd.getService(b -> b.id(orders.id())).service().description())
        .isEqualTo("orders api");
    assertThat(sd.getService(b -> b.id(orders.arn())).service().name()).isEqualTo("orders");
    assertThat(sd.listServices(b -> {}).services())
        .extracting(ServiceSummary::name)
        .containsExactlyInAnyOrder("orders", "api");
    String other = privateNamespace("other.local");
    sd.createService(
        b ->
            b.name("orders")
                .namespaceId(other)
                .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(5L))));
    assertThat(
            sd.listServices(
                    b -> b.filters(f -> f.name(ServiceFilterName.NAMESPACE_ID).values(other)))
                .services())
        .hasSize(1);
    assertThat(sd.listTagsForResource(b -> b.resourceARN(orders.arn())).tags())
        .extracting(Tag::value)
        .containsExactly("a");

    String op =
        sd.updateService(
                b ->
                    b.id(orders.id())
                        .service(
                            s ->
                                s.description("v2")
                                    .dnsConfig(
                                        d ->
                                            d.dnsRecords(
                                                r -> r.type(RecordType.A).ttl(30L),
                                                r -> r.type(RecordType.SRV).ttl(30L)))))
            .operationId();
    assertThat(sd.getOperation(b -> b.operationId(op)).operation().type())
        .isEqualTo(OperationType.UPDATE_SERVICE);
    Service updated = sd.getService(b -> b.id(orders.id())).service();
    assertThat(updated.description()).isEqualTo("v2");
    assertThat(updated.dnsConfig().dnsRecords()).extracting(DnsRecord::ttl).containsOnly(30L);
    assertThat(
            errorCode(
                () ->
                    sd.updateService(
                        b ->
                            b.id(orders.id())
                                .service(
                                    s ->
                                        s.dnsConfig(
                                            d ->
                                                d.dnsRecords(
                                                    r -> r.type(RecordType.AAAA).ttl(1L)))))))
        .isEqualTo("InvalidInput");

    assertThat(errorCode(() -> sd.deleteNamespace(b -> b.id(ns)))).isEqualTo("ResourceInUse");
    sd.registerInstance(
        b ->
            b.serviceId(orders.id())
                .instanceId("i-1")
                .attributes(Map.of("AWS_INSTANCE_IPV4", "10.0.0.1", "AWS_INSTANCE_PORT", "80")));
    assertThat(errorCode(() -> sd.deleteService(b -> b.id(orders.id()))))
        .isEqualTo("ResourceInUse");
    sd.deregisterInstance(b -> b.serviceId(orders.id()).instanceId("i-1"));
    sd.deleteService(b -> b.id(orders.id()));
    sd.deleteService(b -> b.id(http.id()));
    assertThat(errorCode(() -> sd.getService(b -> b.id(orders.id())))).isEqualTo("ServiceNotFound");
    assertThat(errorCode(() -> sd.deleteService(b -> b.id(orders.id()))))
        .isEqualTo("ServiceNotFound");
    sd.deleteNamespace(b -> b.id(ns));
  }

  @Test
  void serviceValidation() {
    String ns = privateNamespace("v.local");
    String httpNs = namespaceIdOf(sd, sd.createHttpNamespace(b -> b.name("h")).operationId());
    String pubNs =
        namespaceIdOf(sd, sd.createPublicDnsNamespace(b -> b.name("v.example.com")).operationId());
    assertThat(errorCode(() -> sd.createService(b -> b.name("x").namespaceId("ns-missing"))))
        .isEqualTo("NamespaceNotFound");
    assertThat(errorCode(() -> sd.createService(b -> b.name("x")))).isEqualTo("InvalidInput");
    assertThat(errorCode(() -> sd.createService(b -> b.name("bad name").namespaceId(ns))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.createService(
                        b ->
                            b.name("x")
                                .namespaceId(httpNs)
                                .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(1L))))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.createService(
                        b ->
                            b.name("x")
                                .namespaceId(ns)
                                .dnsConfig(
                                    d ->
                                        d.dnsRecords(
                                            r -> r.type(RecordType.A).ttl(1L),
                                            r -> r.type(RecordType.A).ttl(2L))))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.createService(
                        b ->
                            b.name("x")
                                .namespaceId(ns)
                                .dnsConfig(
                                    d ->
                                        d.dnsRecords(
                                            r -> r.type(RecordType.CNAME).ttl(1L),
                                            r -> r.type(RecordType.A).ttl(2L))))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.createService(
                        b ->
                            b.name("x")
                                .namespaceId(ns)
                                .dnsConfig(
                                    d ->
                                        d.routingPolicy(RoutingPolicy.MULTIVALUE)
                                            .dnsRecords(r -> r.type(RecordType.CNAME).ttl(1L))))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.createService(
                        b ->
                            b.name("x")
                                .namespaceId(ns)
                                .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(-1L))))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.createService(
                        b ->
                            b.name("x")
                                .namespaceId(ns)
                                .healthCheckConfig(h -> h.type(HealthCheckType.HTTP)))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.createService(
                        b ->
                            b.name("x")
                                .namespaceId(pubNs)
                                .healthCheckConfig(h -> h.type(HealthCheckType.HTTP))
                                .healthCheckCustomConfig(c -> {}))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.createService(
                        b ->
                            b.name("x")
                                .namespaceId(pubNs)
                                .healthCheckConfig(
                                    h -> h.type(HealthCheckType.TCP).resourcePath("/")))))
        .isEqualTo("InvalidInput");
    Service checked =
        sd.createService(
                b ->
                    b.name("web")
                        .namespaceId(pubNs)
                        .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(60L)))
                        .healthCheckConfig(h -> h.type(HealthCheckType.HTTP)))
            .service();
    assertThat(checked.healthCheckConfig().resourcePath()).isEqualTo("/");
    assertThat(checked.healthCheckConfig().failureThreshold()).isEqualTo(1);

    Service s =
        sd.createService(b -> b.name("dup").namespaceId(ns).creatorRequestId("c-1")).service();
    assertThat(
            sd.createService(b -> b.name("dup").namespaceId(ns).creatorRequestId("c-1"))
                .service()
                .id())
        .isEqualTo(s.id());
    ServiceAlreadyExistsException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            ServiceAlreadyExistsException.class,
            () -> sd.createService(b -> b.name("dup").namespaceId(ns)));
    assertThat(e.serviceId()).isEqualTo(s.id());
    assertThat(e.serviceArn()).isEqualTo(s.arn());
    assertThat(errorCode(() -> sd.createService(b -> b.name("DUP").namespaceId(ns))))
        .isEqualTo("ServiceAlreadyExists");
  }

  @Test
  void serviceAttributes() {
    String ns = privateNamespace("attrs.local");
    Service s = sd.createService(b -> b.name("svc").namespaceId(ns)).service();
    sd.updateServiceAttributes(b -> b.serviceId(s.id()).attributes(Map.of("a", "1", "b", "2")));
    sd.updateServiceAttributes(b -> b.serviceId(s.arn()).attributes(Map.of("b", "3")));
    ServiceAttributes attrs = sd.getServiceAttributes(b -> b.serviceId(s.id())).serviceAttributes();
    assertThat(attrs.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "3"));
    assertThat(attrs.serviceArn()).isEqualTo(s.arn());
    sd.deleteServiceAttributes(b -> b.serviceId(s.id()).attributes("a"));
    assertThat(sd.getServiceAttributes(b -> b.serviceId(s.id())).serviceAttributes().attributes())
        .containsOnlyKeys("b");
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      many.put("k" + i, "v");
    }
    assertThat(
            errorCode(() -> sd.updateServiceAttributes(b -> b.serviceId(s.id()).attributes(many))))
        .isEqualTo("ServiceAttributesLimitExceededException");
    assertThat(errorCode(() -> sd.getServiceAttributes(b -> b.serviceId("srv-none"))))
        .isEqualTo("ServiceNotFound");
    assertThat(
            errorCode(
                () ->
                    sd.updateServiceAttributes(
                        b -> b.serviceId("srv-none").attributes(Map.of("a", "b")))))
        .isEqualTo("ServiceNotFound");
    assertThat(
            errorCode(
                () -> sd.deleteServiceAttributes(b -> b.serviceId("srv-none").attributes("a"))))
        .isEqualTo("ServiceNotFound");
  }
}
