package io.kecs.servicediscovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/** Cloud Map state lives in the store: a restarted server answers the API and DNS as before. */
class CloudMapRestartIT {
  @TempDir Path dir;

  @Test
  void namespacesServicesInstancesAndOperationsSurviveARestart() throws Exception {
    ServerConfig config = ServerConfig.forTests().withDataDir(dir);
    String op;
    String serviceId;
    long revision;
    try (KecsServer first = KecsServer.start(config);
        ServiceDiscoveryClient sd = CloudMapClients.client(first.endpoint())) {
      op =
          sd.createPrivateDnsNamespace(
                  b -> b.name("keep.local").vpc("vpc-1").tags(t -> t.key("k").value("v")))
              .operationId();
      String ns =
          sd.getOperation(b -> b.operationId(op))
              .operation()
              .targets()
              .get(OperationTargetType.NAMESPACE);
      serviceId =
          sd.createService(
                  b ->
                      b.name("api")
                          .namespaceId(ns)
                          .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(7L))))
              .service()
              .id();
      sd.registerInstance(
          b ->
              b.serviceId(serviceId)
                  .instanceId("i-1")
                  .attributes(Map.of("AWS_INSTANCE_IPV4", "10.1.2.3")));
      sd.updateServiceAttributes(b -> b.serviceId(serviceId).attributes(Map.of("a", "b")));
      revision =
          sd.discoverInstancesRevision(b -> b.namespaceName("keep.local").serviceName("api"))
              .instancesRevision();
    }
    try (KecsServer second = KecsServer.start(config);
        ServiceDiscoveryClient sd = CloudMapClients.client(second.endpoint())) {
      // The operation's status follows its age (SUBMITTED, PENDING, SUCCESS within 250 ms), also
      // across the restart.
      java.time.Instant deadline = java.time.Instant.now().plusSeconds(5);
      String status = sd.getOperation(b -> b.operationId(op)).operation().status().toString();
      while (!status.equals("SUCCESS") && java.time.Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
        status = sd.getOperation(b -> b.operationId(op)).operation().status().toString();
      }
      assertThat(status).isEqualTo("SUCCESS");
      assertThat(sd.listNamespaces(b -> {}).namespaces())
          .singleElement()
          .satisfies(n -> assertThat(n.serviceCount()).isEqualTo(1));
      String arn = sd.listNamespaces(b -> {}).namespaces().get(0).arn();
      assertThat(sd.listTagsForResource(b -> b.resourceARN(arn)).tags()).hasSize(1);
      assertThat(
              sd.getInstance(b -> b.serviceId(serviceId).instanceId("i-1")).instance().attributes())
          .containsEntry("AWS_INSTANCE_IPV4", "10.1.2.3");
      assertThat(
              sd.getServiceAttributes(b -> b.serviceId(serviceId)).serviceAttributes().attributes())
          .containsEntry("a", "b");
      assertThat(
              sd.discoverInstancesRevision(b -> b.namespaceName("keep.local").serviceName("api"))
                  .instancesRevision())
          .isEqualTo(revision);
      SimpleResolver resolver = new SimpleResolver(java.net.InetAddress.getLoopbackAddress());
      resolver.setPort(second.dnsPort());
      Message m =
          resolver.send(
              Message.newQuery(Record.newRecord(Name.fromString("api.keep.local."), Type.A, 1)));
      assertThat(m.getSection(Section.ANSWER))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.rdataToString()).isEqualTo("10.1.2.3");
                assertThat(r.getTTL()).isEqualTo(7);
              });
    }
  }
}
