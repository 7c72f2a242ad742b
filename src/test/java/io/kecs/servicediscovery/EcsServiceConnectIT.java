package io.kecs.servicediscovery;

import static io.kecs.servicediscovery.EcsRegistryFixture.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.ServiceConnectConfiguration;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.Namespace;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceType;

/**
 * Service Connect: the cluster's default namespace is created on demand (HTTP, as ECS does), a
 * service's discovery name becomes a Cloud Map service with its tasks as instances, and each client
 * alias resolves on KECS's DNS server to the service's tasks.
 */
class EcsServiceConnectIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  static ServiceDiscoveryClient sd;
  private final EcsClient ecs = kecs.ecs();
  private final EcsRegistryFixture fx = new EcsRegistryFixture(kecs);

  @BeforeAll
  static void client() {
    sd = CloudMapClients.client(kecs.endpoint());
  }

  @AfterAll
  static void close() {
    sd.close();
  }

  private void create(String name, int count, Consumer<ServiceConnectConfiguration.Builder> sc) {
    String td = fx.taskDefinition(name, NetworkMode.AWSVPC);
    ecs.createService(
        (CreateServiceRequest.Builder r) ->
            r.cluster("apps")
                .serviceName(name)
                .taskDefinition(td)
                .desiredCount(count)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                .serviceConnectConfiguration(sc));
  }

  private Set<String> ips(String service, int count) {
    List<Task> tasks =
        until(Duration.ofSeconds(30), () -> fx.running("apps", service), l -> l.size() == count);
    assertThat(tasks).hasSize(count);
    return tasks.stream().map(EcsRegistryFixture::ip).collect(Collectors.toSet());
  }

  @Test
  void theDefaultNamespaceIsCreatedAndClientAliasesResolveToTheTasks() {
    String nsArn =
        ecs.createCluster(
                r -> r.clusterName("apps").serviceConnectDefaults(d -> d.namespace("internal")))
            .cluster()
            .serviceConnectDefaults()
            .namespace();
    Namespace ns =
        sd.listNamespaces().namespaces().stream()
            .filter(n -> n.name().equals("internal"))
            .map(n -> sd.getNamespace(b -> b.id(n.id())).namespace())
            .findFirst()
            .orElseThrow();
    assertThat(ns.type()).isEqualTo(NamespaceType.HTTP);
    assertThat(ns.arn()).isEqualTo(nsArn);

    create(
        "orders",
        2,
        sc ->
            sc.enabled(true)
                .services(
                    s ->
                        s.portName("http")
                            .discoveryName("orders")
                            .clientAliases(a -> a.port(80).dnsName("orders.internal"))));
    Deployment d =
        ecs.describeServices(r -> r.cluster("apps").services("orders"))
            .services()
            .get(0)
            .deployments()
            .get(0);
    assertThat(d.serviceConnectConfiguration().namespace()).isEqualTo(nsArn);
    String discoveryArn =
        sd.listServices().services().stream()
            .filter(s -> s.name().equals("orders"))
            .findFirst()
            .orElseThrow()
            .arn();
    assertThat(d.serviceConnectResources())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.discoveryName()).isEqualTo("orders");
              assertThat(r.discoveryArn()).isEqualTo(discoveryArn);
            });

    Set<String> ips = ips("orders", 2);
    assertThat(until(Duration.ofSeconds(1), () -> fx.a("orders.internal"), ips::equals))
        .isEqualTo(ips);
    List<HttpInstanceSummary> instances =
        sd.discoverInstances(b -> b.namespaceName("internal").serviceName("orders")).instances();
    assertThat(instances)
        .hasSize(2)
        .allSatisfy(
            i ->
                assertThat(i.attributes())
                    .containsEntry("AWS_INSTANCE_PORT", "8080")
                    .containsEntry("ECS_SERVICE_NAME", "orders")
                    .containsEntry("ECS_CLUSTER_NAME", "apps"));
    assertThat(ecs.listServicesByNamespace(r -> r.namespace("internal")).serviceArns())
        .containsExactly("arn:aws:ecs:us-east-1:000000000000:service/apps/orders");

    // Without client aliases, discoveryName.namespace resolves; a short alias resolves as given.
    create(
        "billing",
        1,
        sc ->
            sc.enabled(true)
                .namespace("internal")
                .services(s -> s.portName("http").clientAliases(a -> a.port(80).dnsName("bill"))));
    Set<String> billing = ips("billing", 1);
    assertThat(until(Duration.ofSeconds(1), () -> fx.a("bill"), billing::equals))
        .isEqualTo(billing);

    ecs.updateService(r -> r.cluster("apps").service("orders").desiredCount(0));
    ips("orders", 0);
    assertThat(until(Duration.ofSeconds(1), () -> fx.a("orders.internal"), Set::isEmpty)).isEmpty();
  }

  @Test
  void refusesAMissingNamespaceAndAnUnknownPortName() {
    ecs.createCluster(r -> r.clusterName("apps"));
    assertThatThrownBy(
            () ->
                create(
                    "x",
                    0,
                    sc ->
                        sc.enabled(true)
                            .namespace("nowhere")
                            .services(s -> s.portName("http").clientAliases(a -> a.port(80)))))
        .isInstanceOf(NamespaceNotFoundException.class);
    sd.createHttpNamespace(b -> b.name("apps-ns"));
    assertThatThrownBy(
            () ->
                create(
                    "y",
                    0,
                    sc ->
                        sc.enabled(true)
                            .namespace("apps-ns")
                            .services(s -> s.portName("grpc").clientAliases(a -> a.port(80)))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("portName 'grpc'");
    assertThatThrownBy(
            () -> create("z", 0, sc -> sc.enabled(true).services(s -> s.portName("http"))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("namespace");
  }
}
