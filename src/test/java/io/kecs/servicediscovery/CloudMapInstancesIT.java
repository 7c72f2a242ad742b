package io.kecs.servicediscovery;

import static io.kecs.servicediscovery.CloudMapNamespacesIT.errorCode;
import static io.kecs.servicediscovery.CloudMapNamespacesIT.namespaceIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesRequest;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesResponse;
import software.amazon.awssdk.services.servicediscovery.model.DuplicateRequestException;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.Instance;
import software.amazon.awssdk.services.servicediscovery.model.InstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.ListInstancesResponse;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.OperationType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/** Instances, health and discovery with the SDK v2 ServiceDiscoveryClient. */
class CloudMapInstancesIT {
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

  private Service service(String ns, boolean custom) {
    String nsId =
        namespaceIdOf(sd, sd.createPrivateDnsNamespace(b -> b.name(ns).vpc("vpc-1")).operationId());
    return sd.createService(
            b -> {
              b.name("orders")
                  .namespaceId(nsId)
                  .dnsConfig(
                      d ->
                          d.dnsRecords(
                              r -> r.type(RecordType.A).ttl(10L),
                              r -> r.type(RecordType.SRV).ttl(10L)));
              if (custom) {
                b.healthCheckCustomConfig(h -> {});
              }
            })
        .service();
  }

  private static Map<String, String> task(String ip, String az) {
    return Map.of("AWS_INSTANCE_IPV4", ip, "AWS_INSTANCE_PORT", "8080", "AVAILABILITY_ZONE", az);
  }

  @Test
  void registersListsGetsAndDeregisters() {
    Service s = service("reg.local", false);
    String op =
        sd.registerInstance(
                b -> b.serviceId(s.id()).instanceId("t-1").attributes(task("10.0.0.1", "a")))
            .operationId();
    Operation o = sd.getOperation(b -> b.operationId(op)).operation();
    assertThat(o.type()).isEqualTo(OperationType.REGISTER_INSTANCE);
    assertThat(o.targets())
        .containsEntry(OperationTargetType.INSTANCE, "t-1")
        .containsEntry(OperationTargetType.SERVICE, s.id());
    for (int i = 2; i <= 5; i++) {
      String id = "t-" + i;
      sd.registerInstance(
          b ->
              b.serviceId(s.arn())
                  .instanceId(id)
                  .attributes(task("10.0.0." + id.substring(2), "b")));
    }
    assertThat(sd.getService(b -> b.id(s.id())).service().instanceCount()).isEqualTo(5);
    Instance one = sd.getInstance(b -> b.serviceId(s.id()).instanceId("t-1")).instance();
    assertThat(one.attributes()).containsEntry("AWS_INSTANCE_IPV4", "10.0.0.1");
    assertThat(one.createdByAccount()).isEqualTo("000000000000");
    ListInstancesResponse page = sd.listInstances(b -> b.serviceId(s.id()).maxResults(2));
    assertThat(page.instances()).extracting(InstanceSummary::id).containsExactly("t-1", "t-2");
    assertThat(
            sd.listInstancesPaginator(b -> b.serviceId(s.id()).maxResults(2)).stream()
                .mapToLong(p -> p.instances().size())
                .sum())
        .isEqualTo(5);
    // re-registering replaces the attributes
    sd.registerInstance(
        b -> b.serviceId(s.id()).instanceId("t-1").attributes(task("10.0.0.9", "a")));
    assertThat(sd.getInstance(b -> b.serviceId(s.id()).instanceId("t-1")).instance().attributes())
        .containsEntry("AWS_INSTANCE_IPV4", "10.0.0.9");
    String dereg = sd.deregisterInstance(b -> b.serviceId(s.id()).instanceId("t-1")).operationId();
    assertThat(sd.getOperation(b -> b.operationId(dereg)).operation().type())
        .isEqualTo(OperationType.DEREGISTER_INSTANCE);
    assertThat(errorCode(() -> sd.getInstance(b -> b.serviceId(s.id()).instanceId("t-1"))))
        .isEqualTo("InstanceNotFound");
    assertThat(errorCode(() -> sd.deregisterInstance(b -> b.serviceId(s.id()).instanceId("t-1"))))
        .isEqualTo("InstanceNotFound");
    assertThat(errorCode(() -> sd.listInstances(b -> b.serviceId("srv-missing"))))
        .isEqualTo("ServiceNotFound");
    assertThat(
            errorCode(
                () ->
                    sd.registerInstance(
                        b ->
                            b.serviceId("srv-missing")
                                .instanceId("x")
                                .attributes(task("10.0.0.1", "a")))))
        .isEqualTo("ServiceNotFound");
  }

  @Test
  void registrationValidation() {
    Service s = service("val.local", false);
    assertThat(
            errorCode(
                () ->
                    sd.registerInstance(
                        b ->
                            b.serviceId(s.id())
                                .instanceId("x")
                                .attributes(Map.of("AWS_INSTANCE_PORT", "80")))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.registerInstance(
                        b ->
                            b.serviceId(s.id())
                                .instanceId("x")
                                .attributes(Map.of("AWS_INSTANCE_IPV4", "10.0.0.1")))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.registerInstance(
                        b ->
                            b.serviceId(s.id())
                                .instanceId("x")
                                .attributes(task("300.1.1.1", "a")))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.registerInstance(
                        b ->
                            b.serviceId(s.id())
                                .instanceId("x")
                                .attributes(
                                    Map.of(
                                        "AWS_INSTANCE_IPV4",
                                        "10.0.0.1",
                                        "AWS_INSTANCE_PORT",
                                        "70000")))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.registerInstance(
                        b ->
                            b.serviceId(s.id())
                                .instanceId("bad id!")
                                .attributes(task("10.0.0.1", "a")))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.registerInstance(
                        b ->
                            b.serviceId(s.id())
                                .instanceId("x")
                                .attributes(
                                    Map.of(
                                        "AWS_INSTANCE_IPV4",
                                        "10.0.0.1",
                                        "AWS_INSTANCE_PORT",
                                        "1",
                                        "AWS_INIT_HEALTH_STATUS",
                                        "HEALTHY")))))
        .isEqualTo("InvalidInput");
    Map<String, String> many = new HashMap<>(task("10.0.0.1", "a"));
    for (int i = 0; i < 31; i++) {
      many.put("custom" + i, "v");
    }
    assertThat(
            errorCode(
                () ->
                    sd.registerInstance(b -> b.serviceId(s.id()).instanceId("x").attributes(many))))
        .isEqualTo("InvalidInput");
    // creator request ids: a retry answers the same operation, another instance is a duplicate
    String op =
        sd.registerInstance(
                b ->
                    b.serviceId(s.id())
                        .instanceId("a")
                        .creatorRequestId("c-1")
                        .attributes(task("10.0.0.1", "a")))
            .operationId();
    assertThat(
            sd.registerInstance(
                    b ->
                        b.serviceId(s.id())
                            .instanceId("a")
                            .creatorRequestId("c-1")
                            .attributes(task("10.0.0.1", "a")))
                .operationId())
        .isEqualTo(op);
    DuplicateRequestException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            DuplicateRequestException.class,
            () ->
                sd.registerInstance(
                    b ->
                        b.serviceId(s.id())
                            .instanceId("b")
                            .creatorRequestId("c-1")
                            .attributes(task("10.0.0.2", "a"))));
    assertThat(e.duplicateOperationId()).isEqualTo(op);
  }

  @Test
  void discoversWithQueryOptionalParametersAndHealth() {
    Service s = service("disc.local", true);
    sd.registerInstance(
        b -> b.serviceId(s.id()).instanceId("a").attributes(task("10.0.0.1", "az1")));
    sd.registerInstance(
        b -> b.serviceId(s.id()).instanceId("b").attributes(task("10.0.0.2", "az2")));
    Map<String, String> sick = new HashMap<>(task("10.0.0.3", "az1"));
    sick.put("AWS_INIT_HEALTH_STATUS", "UNHEALTHY");
    sd.registerInstance(b -> b.serviceId(s.id()).instanceId("c").attributes(sick));

    DiscoverInstancesResponse all =
        sd.discoverInstances(b -> b.namespaceName("disc.local").serviceName("orders"));
    assertThat(all.instances())
        .extracting(HttpInstanceSummary::instanceId)
        .containsExactly("a", "b");
    assertThat(all.instances().get(0).namespaceName()).isEqualTo("disc.local");
    assertThat(all.instances().get(0).healthStatus()).isEqualTo(HealthStatus.HEALTHY);
    long revision = all.instancesRevision();
    assertThat(
            sd.discoverInstancesRevision(b -> b.namespaceName("disc.local").serviceName("orders"))
                .instancesRevision())
        .isEqualTo(revision);
    assertThat(ids(b -> b.healthStatus(HealthStatusFilter.ALL))).containsExactly("a", "b", "c");
    assertThat(ids(b -> b.healthStatus(HealthStatusFilter.UNHEALTHY))).containsExactly("c");
    assertThat(ids(b -> b.queryParameters(Map.of("AVAILABILITY_ZONE", "az1"))))
        .containsExactly("a");
    assertThat(ids(b -> b.optionalParameters(Map.of("AVAILABILITY_ZONE", "az2"))))
        .containsExactly("b");
    assertThat(ids(b -> b.optionalParameters(Map.of("AVAILABILITY_ZONE", "az9"))))
        .containsExactly("a", "b");
    assertThat(ids(b -> b.maxResults(1))).containsExactly("a");

    Map<String, String> health =
        sd.getInstancesHealthStatus(b -> b.serviceId(s.id())).statusAsStrings();
    assertThat(health)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("a", "HEALTHY", "b", "HEALTHY", "c", "UNHEALTHY"));
    sd.updateInstanceCustomHealthStatus(
        b -> b.serviceId(s.id()).instanceId("a").status(CustomHealthStatus.UNHEALTHY));
    sd.updateInstanceCustomHealthStatus(
        b -> b.serviceId(s.id()).instanceId("b").status(CustomHealthStatus.UNHEALTHY));
    assertThat(ids(b -> {})).isEmpty();
    assertThat(ids(b -> b.healthStatus(HealthStatusFilter.HEALTHY_OR_ELSE_ALL)))
        .containsExactly("a", "b", "c");
    assertThat(
            sd.discoverInstancesRevision(b -> b.namespaceName("disc.local").serviceName("orders"))
                .instancesRevision())
        .isGreaterThan(revision);
    assertThat(
            sd.getInstancesHealthStatus(b -> b.serviceId(s.id()).instances("a")).statusAsStrings())
        .containsOnlyKeys("a");
    assertThat(
            errorCode(() -> sd.getInstancesHealthStatus(b -> b.serviceId(s.id()).instances("zzz"))))
        .isEqualTo("InstanceNotFound");
    assertThat(
            errorCode(
                () ->
                    sd.updateInstanceCustomHealthStatus(
                        b ->
                            b.serviceId(s.id())
                                .instanceId("zzz")
                                .status(CustomHealthStatus.HEALTHY))))
        .isEqualTo("InstanceNotFound");

    assertThat(
            errorCode(
                () ->
                    sd.discoverInstances(b -> b.namespaceName("nope.local").serviceName("orders"))))
        .isEqualTo("NamespaceNotFound");
    assertThat(
            errorCode(
                () -> sd.discoverInstances(b -> b.namespaceName("disc.local").serviceName("nope"))))
        .isEqualTo("ServiceNotFound");
    assertThat(
            errorCode(
                () ->
                    sd.discoverInstances(
                        b -> b.namespaceName("disc.local").serviceName("orders").maxResults(1001))))
        .isEqualTo("InvalidInput");
    assertThat(
            errorCode(
                () ->
                    sd.discoverInstancesRevision(
                        b -> b.namespaceName("disc.local").serviceName("nope"))))
        .isEqualTo("ServiceNotFound");
  }

  @Test
  void healthFilterIsIgnoredWithoutHealthChecks() {
    Service s = service("plain.local", false);
    sd.registerInstance(
        b -> b.serviceId(s.id()).instanceId("a").attributes(task("10.0.0.1", "az1")));
    DiscoverInstancesResponse r =
        sd.discoverInstances(
            b ->
                b.namespaceName("plain.local")
                    .serviceName("orders")
                    .healthStatus(HealthStatusFilter.UNHEALTHY));
    assertThat(r.instances())
        .extracting(HttpInstanceSummary::healthStatus)
        .containsExactly(HealthStatus.UNKNOWN);
    assertThat(sd.getInstancesHealthStatus(b -> b.serviceId(s.id())).statusAsStrings())
        .containsEntry("a", "UNKNOWN");
    assertThat(
            errorCode(
                () ->
                    sd.updateInstanceCustomHealthStatus(
                        b ->
                            b.serviceId(s.id())
                                .instanceId("a")
                                .status(CustomHealthStatus.HEALTHY))))
        .isEqualTo("CustomHealthNotFound");
  }

  @Test
  void sdkInjectsTheDataHostPrefixUnlessDisabled() {
    AtomicReference<String> host = new AtomicReference<>();
    ExecutionInterceptor capture =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(
              Context.BeforeTransmission context, ExecutionAttributes attributes) {
            host.set(context.httpRequest().host());
            throw new IllegalStateException("captured");
          }
        };
    try (ServiceDiscoveryClient plain =
        CloudMapClients.builder(kecs.endpoint(), "AKIDEXAMPLE")
            .overrideConfiguration(c -> c.addExecutionInterceptor(capture))
            .build()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> plain.discoverInstances(b -> b.namespaceName("n").serviceName("s")));
      assertThat(host.get()).isEqualTo("data-" + kecs.endpoint().getHost());
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> plain.listNamespaces(b -> {}));
      assertThat(host.get()).isEqualTo(kecs.endpoint().getHost());
    }
  }

  private List<String> ids(java.util.function.Consumer<DiscoverInstancesRequest.Builder> more) {
    return sd
        .discoverInstances(
            b -> {
              b.namespaceName("disc.local").serviceName("orders");
              more.accept(b);
            })
        .instances()
        .stream()
        .map(HttpInstanceSummary::instanceId)
        .toList();
  }
}
