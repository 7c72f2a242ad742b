package io.kecs.servicediscovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.clock.ManualScheduler;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.RequestContext;
import io.kecs.registry.ServiceRegistries;
import io.kecs.store.Database;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry port ECS calls: find, register and deregister over the real aggregates. */
class CloudMapRegistriesTest {
  private static final Scope SCOPE = new Scope("000000000000", "us-east-1");

  private static String call(CloudMapApi api, String op, String body) {
    return new String(
        api.service()
            .invoke(op, body.getBytes(StandardCharsets.UTF_8), new RequestContext("r", SCOPE)),
        StandardCharsets.UTF_8);
  }

  @Test
  void registersAndDeregistersTasks() {
    try (Database db = Database.inMemory()) {
      CloudMapApi api = new CloudMapApi(db, new AwsJsonCodec(), new ManualScheduler());
      call(api, "CreatePrivateDnsNamespace", "{\"Name\":\"shop.local\",\"Vpc\":\"vpc-1\"}");
      String ns =
          call(api, "ListNamespaces", "{}").replaceAll(".*\"Id\":\"(ns-[a-z0-9]+)\".*", "$1");
      String created =
          call(
              api,
              "CreateService",
              "{\"Name\":\"orders\",\"NamespaceId\":\""
                  + ns
                  + "\",\"DnsConfig\":{\"DnsRecords\":[{\"Type\":\"SRV\",\"TTL\":10}]}}");
      String arn = created.replaceAll(".*\"Arn\":\"([^\"]+)\".*", "$1");
      ServiceRegistries registries = api.registries();
      assertThat(registries.find(SCOPE, arn))
          .contains(new ServiceRegistries.Registry(arn, false, false, true, false));
      assertThat(registries.find(SCOPE, arn.replace("srv-", "srv-x"))).isEmpty();
      assertThat(registries.find(new Scope("111111111111", "us-east-1"), arn)).isEmpty();

      registries.register(
          SCOPE, arn, "task1", Map.of("AWS_INSTANCE_IPV4", "10.0.0.1", "AWS_INSTANCE_PORT", "80"));
      // refused by Cloud Map's rules (SRV needs a port): logged, not registered
      registries.register(SCOPE, arn, "task2", Map.of("AWS_INSTANCE_IPV4", "10.0.0.2"));
      String listed = call(api, "ListInstances", "{\"ServiceId\":\"" + arn + "\"}");
      assertThat(listed).contains("task1").doesNotContain("task2");
      registries.deregister(SCOPE, arn, "task1");
      registries.deregister(SCOPE, arn, "task1");
      assertThat(call(api, "ListInstances", "{\"ServiceId\":\"" + arn + "\"}"))
          .doesNotContain("task1");
    }
  }

  @Test
  void customHealthMembersAndServiceConnectResources() {
    try (Database db = Database.inMemory()) {
      CloudMapApi api = new CloudMapApi(db, new AwsJsonCodec(), new ManualScheduler());
      ServiceRegistries registries = api.registries();
      assertThat(registries.namespace(SCOPE, "mesh")).isEmpty();
      String ns = registries.namespaceOrCreate(SCOPE, "mesh");
      assertThat(ns).startsWith("arn:aws:servicediscovery:us-east-1:000000000000:namespace/ns-");
      assertThat(registries.namespaceOrCreate(SCOPE, "mesh")).isEqualTo(ns);
      assertThat(registries.namespace(SCOPE, ns)).contains(ns);
      assertThat(registries.namespaceName(SCOPE, ns)).isEqualTo("mesh");
      assertThat(call(api, "ListNamespaces", "{}")).contains("\"Type\":\"HTTP\"");
      String orders = registries.serviceOrCreate(SCOPE, ns, "orders");
      assertThat(registries.serviceOrCreate(SCOPE, ns, "orders")).isEqualTo(orders);
      assertThat(registries.find(SCOPE, orders))
          .contains(new ServiceRegistries.Registry(orders, false, false, false, false));

      call(api, "CreatePrivateDnsNamespace", "{\"Name\":\"shop.local\",\"Vpc\":\"vpc-1\"}");
      String dnsNs = registries.namespace(SCOPE, "shop.local").orElseThrow();
      String created =
          call(
              api,
              "CreateService",
              "{\"Name\":\"web\",\"NamespaceId\":\""
                  + dnsNs.substring(dnsNs.lastIndexOf('/') + 1)
                  + "\",\"DnsConfig\":{\"DnsRecords\":[{\"Type\":\"A\",\"TTL\":10}]},"
                  + "\"HealthCheckCustomConfig\":{}}");
      String web = created.replaceAll(".*\"Arn\":\"([^\"]+)\".*", "$1");
      assertThat(registries.find(SCOPE, web).orElseThrow().customHealth()).isTrue();
      registries.register(
          SCOPE, web, "t1", Map.of("AWS_INSTANCE_IPV4", "10.0.0.1", "ECS_CLUSTER_NAME", "apps"));
      registries.register(SCOPE, web, "other", Map.of("AWS_INSTANCE_IPV4", "10.0.0.2"));
      String health = "{\"ServiceId\":\"" + web + "\"}";
      registries.health(SCOPE, web, "t1", false);
      assertThat(call(api, "GetInstancesHealthStatus", health)).contains("\"t1\":\"UNHEALTHY\"");
      registries.health(SCOPE, web, "t1", true);
      assertThat(call(api, "GetInstancesHealthStatus", health)).contains("\"t1\":\"HEALTHY\"");
      // Only ECS's registrations are members (what a restart reconciles).
      assertThat(registries.members())
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.registryArn()).isEqualTo(web);
                assertThat(m.instanceId()).isEqualTo("t1");
                assertThat(m.scope()).isEqualTo(SCOPE);
              });
      registries.alias("db", orders);
      assertThat(api.dns().alias("DB.")).map(s -> s.arn()).contains(orders);
      db.reset();
      assertThat(api.dns().alias("db")).isEmpty();
    }
  }
}
