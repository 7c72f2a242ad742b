package io.kecs.servicediscovery;

import static io.kecs.servicediscovery.CloudMapNamespacesIT.namespaceIdOf;
import static io.kecs.servicediscovery.EcsRegistryFixture.until;
import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.runtime.kubernetes.EcsTasks;
import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/**
 * A restart leaves no stale instances: ECS's registrations of tasks that no longer run go, the
 * running tasks stay registered, Service Connect client aliases resolve again.
 */
class EcsRegistryRestartIT {
  private static final String GONE_TASK = "0123456789abcdef0123456789abcdef";
  @TempDir Path dir;

  @Test
  void aRestartReconcilesTheRegistriesWithTheTasks() throws Exception {
    ServerConfig config = ServerConfig.forTests().withDataDir(dir);
    String serviceId;
    Set<String> running;
    try (KecsServer first = KecsServer.start(config);
        ServiceDiscoveryClient sd = CloudMapClients.client(first.endpoint());
        EcsClient ecs = EcsTasks.client(first.endpoint())) {
      String ns =
          namespaceIdOf(
              sd, sd.createPrivateDnsNamespace(b -> b.name("keep.local").vpc("v")).operationId());
      var registry =
          sd.createService(
                  b ->
                      b.name("api")
                          .namespaceId(ns)
                          .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(5L))))
              .service();
      serviceId = registry.id();
      ecs.createCluster(
          r -> r.clusterName("apps").serviceConnectDefaults(d -> d.namespace("mesh")));
      String td =
          ecs.registerTaskDefinition(
                  r ->
                      r.family("api")
                          .requiresCompatibilities(Compatibility.FARGATE)
                          .networkMode(NetworkMode.AWSVPC)
                          .cpu("256")
                          .memory("512")
                          .containerDefinitions(
                              c ->
                                  c.name("app")
                                      .image("nginx:1")
                                      .portMappings(p -> p.containerPort(80).name("http"))))
              .taskDefinition()
              .taskDefinitionArn();
      ecs.createService(
          r ->
              r.cluster("apps")
                  .serviceName("api")
                  .taskDefinition(td)
                  .desiredCount(2)
                  .launchType(LaunchType.FARGATE)
                  .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                  .serviceRegistries(s -> s.registryArn(registry.arn()))
                  .serviceConnectConfiguration(
                      sc ->
                          sc.enabled(true)
                              .services(
                                  s ->
                                      s.portName("http")
                                          .clientAliases(a -> a.port(80).dnsName("api.mesh")))));
      List<HttpInstanceSummary> found =
          until(Duration.ofSeconds(30), () -> discover(sd), l -> l.size() == 2);
      assertThat(found).hasSize(2);
      running = found.stream().map(HttpInstanceSummary::instanceId).collect(Collectors.toSet());
      // What a crash between a task's stop and its deregistration would leave behind.
      sd.registerInstance(
          b ->
              b.serviceId(serviceId)
                  .instanceId(GONE_TASK)
                  .attributes(Map.of("AWS_INSTANCE_IPV4", "10.9.9.9", "ECS_CLUSTER_NAME", "apps")));
      assertThat(discover(sd)).hasSize(3);
    }
    try (KecsServer second = KecsServer.start(config);
        ServiceDiscoveryClient sd = CloudMapClients.client(second.endpoint())) {
      assertThat(discover(sd))
          .extracting(HttpInstanceSummary::instanceId)
          .containsExactlyInAnyOrderElementsOf(running);
      assertThat(a(second, "api.keep.local")).hasSize(2).doesNotContain("10.9.9.9");
      assertThat(a(second, "api.mesh")).isEqualTo(a(second, "api.keep.local"));
    }
  }

  private static List<HttpInstanceSummary> discover(ServiceDiscoveryClient sd) {
    return sd.discoverInstances(b -> b.namespaceName("keep.local").serviceName("api")).instances();
  }

  private static Set<String> a(KecsServer server, String name) throws Exception {
    SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
    r.setPort(server.dnsPort());
    r.setTimeout(Duration.ofSeconds(3));
    Message m =
        r.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, 1)));
    Set<String> out = new TreeSet<>();
    for (Record rec : m.getSection(Section.ANSWER)) {
      out.add(rec.rdataToString());
    }
    return out;
  }
}
