package io.kecs.servicediscovery;

import static io.kecs.servicediscovery.CloudMapNamespacesIT.namespaceIdOf;
import static io.kecs.servicediscovery.EcsRegistryFixture.id;
import static io.kecs.servicediscovery.EcsRegistryFixture.ip;
import static io.kecs.servicediscovery.EcsRegistryFixture.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kecs.testing.KecsTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/**
 * An ECS service with {@code serviceRegistries}: its running tasks are Cloud Map instances with
 * ECS's attributes, DiscoverInstances and KECS's DNS server follow scaling and stopped tasks.
 */
class EcsServiceRegistriesIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  static ServiceDiscoveryClient sd;
  private final EcsClient ecs = kecs.ecs();
  private final EcsRegistryFixture fx = new EcsRegistryFixture(kecs);
  private String registryArn;

  @BeforeAll
  static void client() {
    sd = CloudMapClients.client(kecs.endpoint());
  }

  @AfterAll
  static void close() {
    sd.close();
  }

  @BeforeEach
  void registry() {
    String ns =
        namespaceIdOf(
            sd, sd.createPrivateDnsNamespace(b -> b.name("shop.local").vpc("vpc-1")).operationId());
    registryArn =
        sd.createService(
                b ->
                    b.name("orders")
                        .namespaceId(ns)
                        .dnsConfig(
                            d ->
                                d.dnsRecords(
                                    r -> r.type(RecordType.A).ttl(10L),
                                    r -> r.type(RecordType.SRV).ttl(10L)))
                        .healthCheckCustomConfig(h -> h.failureThreshold(1)))
            .service()
            .arn();
    ecs.createCluster(r -> r.clusterName("apps"));
  }

  private List<HttpInstanceSummary> discovered() {
    return sd.discoverInstances(b -> b.namespaceName("shop.local").serviceName("orders"))
        .instances();
  }

  private void scaleTo(int count) {
    ecs.updateService(r -> r.cluster("apps").service("orders").desiredCount(count));
  }

  /**
   * Waits for {@code count} running tasks, then gives Cloud Map and DNS one second to show exactly
   * those tasks.
   */
  private List<Task> assertFollows(int count) {
    List<Task> tasks =
        until(Duration.ofSeconds(30), () -> fx.running("apps", "orders"), l -> l.size() == count);
    assertThat(tasks).hasSize(count);
    Set<String> ids = tasks.stream().map(EcsRegistryFixture::id).collect(Collectors.toSet());
    Set<String> ips =
        tasks.stream().map(EcsRegistryFixture::ip).collect(Collectors.toCollection(TreeSet::new));
    List<HttpInstanceSummary> found =
        until(
            Duration.ofSeconds(1),
            this::discovered,
            l ->
                l.stream()
                    .map(HttpInstanceSummary::instanceId)
                    .collect(Collectors.toSet())
                    .equals(ids));
    assertThat(found)
        .extracting(HttpInstanceSummary::instanceId)
        .containsExactlyInAnyOrderElementsOf(ids);
    Set<String> answered =
        until(Duration.ofSeconds(1), () -> fx.a("orders.shop.local"), ips::equals);
    assertThat(answered).isEqualTo(ips);
    return tasks;
  }

  @Test
  void scaledServiceIsFollowedByDiscoverInstancesAndDns() throws Exception {
    String td = fx.taskDefinition("orders", NetworkMode.AWSVPC);
    ecs.createService(
        r ->
            r.cluster("apps")
                .serviceName("orders")
                .taskDefinition(td)
                .desiredCount(1)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                .serviceRegistries(
                    s -> s.registryArn(registryArn).containerName("app").containerPort(8080)));
    Task first = assertFollows(1).get(0);
    HttpInstanceSummary instance = discovered().get(0);
    assertThat(instance.instanceId()).isEqualTo(id(first)).hasSize(32);
    assertThat(instance.healthStatusAsString()).isEqualTo("HEALTHY");
    assertThat(instance.attributes())
        .containsEntry("AWS_INSTANCE_IPV4", ip(first))
        .containsEntry("AWS_INSTANCE_PORT", "8080")
        .containsEntry("ECS_CLUSTER_NAME", "apps")
        .containsEntry("ECS_SERVICE_NAME", "orders")
        .containsEntry("ECS_TASK_DEFINITION_FAMILY", "orders")
        .containsEntry("REGION", "us-east-1")
        .containsEntry("AVAILABILITY_ZONE", first.availabilityZone())
        .doesNotContainKey("EC2_INSTANCE_ID");
    assertThat(fx.dns("orders.shop.local", Type.SRV))
        .containsExactly("1 1 8080 " + id(first) + ".orders.shop.local.");

    scaleTo(5);
    assertFollows(5);
    scaleTo(2);
    List<Task> two = assertFollows(2);

    // A stopped task leaves at once; the service's replacement joins.
    Task victim = two.get(0);
    ecs.stopTask(r -> r.cluster("apps").task(victim.taskArn()));
    List<HttpInstanceSummary> after =
        until(
            Duration.ofSeconds(1),
            this::discovered,
            l -> l.stream().noneMatch(i -> i.instanceId().equals(id(victim))));
    assertThat(after).extracting(HttpInstanceSummary::instanceId).doesNotContain(id(victim));
    assertThat(
            until(
                Duration.ofSeconds(1),
                () -> fx.a("orders.shop.local"),
                s -> !s.contains(ip(victim))))
        .doesNotContain(ip(victim));
    List<Task> replaced = assertFollows(2);
    assertThat(replaced).extracting(EcsRegistryFixture::id).doesNotContain(id(victim));

    boolean hasDig = Files.isExecutable(Path.of("/usr/bin/dig"));
    if (System.getenv("CI") == null) {
      assumeThat(hasDig).as("dig (apt-get install bind9-dnsutils)").isTrue();
    }
    assertThat(fx.dig("orders.shop.local", "A").lines().collect(Collectors.toSet()))
        .isEqualTo(replaced.stream().map(EcsRegistryFixture::ip).collect(Collectors.toSet()));

    // Scaled to zero and deleted: nothing stays registered.
    scaleTo(0);
    assertFollows(0);
    ecs.deleteService(r -> r.cluster("apps").service("orders"));
    assertThat(
            sd.listInstances(
                    b -> b.serviceId(registryArn.substring(registryArn.lastIndexOf('/') + 1)))
                .instances())
        .isEmpty();
    assertThat(fx.dns("orders.shop.local", Type.A)).isEmpty();
  }

  @Test
  void anUpdateToAnotherRegistryMovesNewTasksAndDeregistersOldOnes() {
    String td = fx.taskDefinition("orders", NetworkMode.AWSVPC);
    ecs.createService(
        r ->
            r.cluster("apps")
                .serviceName("orders")
                .taskDefinition(td)
                .desiredCount(2)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                .serviceRegistries(s -> s.registryArn(registryArn).port(9090)));
    assertFollows(2);
    assertThat(discovered())
        .allSatisfy(i -> assertThat(i.attributes()).containsEntry("AWS_INSTANCE_PORT", "9090"));
    String ns = sd.listNamespaces().namespaces().get(0).id();
    String other =
        sd.createService(
                b ->
                    b.name("orders-v2")
                        .namespaceId(ns)
                        .dnsConfig(d -> d.dnsRecords(x -> x.type(RecordType.A).ttl(10L))))
            .service()
            .arn();
    ecs.updateService(
        r -> r.cluster("apps").service("orders").serviceRegistries(s -> s.registryArn(other)));
    Set<String> newIps =
        until(Duration.ofSeconds(30), () -> fx.a("orders-v2.shop.local"), s -> s.size() == 2);
    assertThat(newIps).hasSize(2);
    assertThat(until(Duration.ofSeconds(30), this::discovered, List::isEmpty)).isEmpty();
    assertThat(
            sd.discoverInstances(b -> b.namespaceName("shop.local").serviceName("orders-v2"))
                .instances())
        .allSatisfy(i -> assertThat(i.attributes()).doesNotContainKey("AWS_INSTANCE_PORT"));
  }
}
