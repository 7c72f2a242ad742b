package io.kecs.servicediscovery;

import static io.kecs.servicediscovery.CloudMapNamespacesIT.namespaceIdOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kecs.testing.KecsTestServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;
import software.amazon.awssdk.services.servicediscovery.model.Service;

/**
 * KECS's DNS server answers for Cloud Map DNS namespaces: queried with dnsjava's resolver (UDP and
 * TCP), the JDK's own JNDI DNS client, raw malformed packets, a flood, and {@code dig}.
 */
class CloudMapDnsIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  static ServiceDiscoveryClient sd;
  Service orders;

  @BeforeAll
  static void client() {
    sd = CloudMapClients.client(kecs.endpoint());
  }

  @AfterAll
  static void close() {
    sd.close();
  }

  @BeforeEach
  void zone() {
    String ns =
        namespaceIdOf(
            sd,
            sd.createPrivateDnsNamespace(
                    b ->
                        b.name("shop.local")
                            .vpc("vpc-1")
                            .properties(p -> p.dnsProperties(d -> d.soa(s -> s.ttl(30L)))))
                .operationId());
    orders =
        sd.createService(
                b ->
                    b.name("orders")
                        .namespaceId(ns)
                        .dnsConfig(
                            d ->
                                d.dnsRecords(
                                    r -> r.type(RecordType.A).ttl(10L),
                                    r -> r.type(RecordType.SRV).ttl(20L)))
                        .healthCheckCustomConfig(h -> {}))
            .service();
    for (int i = 1; i <= 10; i++) {
      String id = "t" + i;
      String ip = "10.0.0." + i;
      sd.registerInstance(
          b ->
              b.serviceId(orders.id())
                  .instanceId(id)
                  .attributes(Map.of("AWS_INSTANCE_IPV4", ip, "AWS_INSTANCE_PORT", "8080")));
    }
    Service one =
        sd.createService(
                b ->
                    b.name("one")
                        .namespaceId(ns)
                        .dnsConfig(
                            d ->
                                d.routingPolicy(RoutingPolicy.WEIGHTED)
                                    .dnsRecords(r -> r.type(RecordType.AAAA).ttl(5L))))
            .service();
    for (int i = 1; i <= 3; i++) {
      String id = "v" + i;
      String ip = "fd00::" + i;
      sd.registerInstance(
          b -> b.serviceId(one.id()).instanceId(id).attributes(Map.of("AWS_INSTANCE_IPV6", ip)));
    }
  }

  private static SimpleResolver resolver(boolean tcp) throws Exception {
    SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
    r.setPort(kecs.dnsPort());
    r.setTCP(tcp);
    r.setTimeout(Duration.ofSeconds(3));
    return r;
  }

  private static Message query(String name, int type, boolean tcp) throws Exception {
    return resolver(tcp)
        .send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, 1)));
  }

  private static Set<String> addresses(Message m) {
    Set<String> out = new HashSet<>();
    for (Record r : m.getSection(Section.ANSWER)) {
      out.add(r.rdataToString());
    }
    return out;
  }

  @Test
  void answersMultivalueASrvAndSoa() throws Exception {
    assertThat(kecs.dnsPort()).isPositive();
    for (boolean tcp : new boolean[] {false, true}) {
      Message a = query("orders.shop.local", Type.A, tcp);
      assertThat(a.getRcode()).isEqualTo(Rcode.NOERROR);
      assertThat(a.getHeader().getFlag(Flags.AA)).isTrue();
      List<Record> answers = a.getSection(Section.ANSWER);
      assertThat(answers).hasSize(8).allMatch(r -> r.getTTL() == 10 && r.getType() == Type.A);
      assertThat(addresses(a)).hasSize(8).allMatch(ip -> ip.matches("10\\.0\\.0\\.(10|[1-9])"));
    }
    Message srv = query("orders.shop.local", Type.SRV, true);
    assertThat(srv.getSection(Section.ANSWER)).hasSize(8).allMatch(r -> r.getTTL() == 20);
    SRVRecord first = (SRVRecord) srv.getSection(Section.ANSWER).get(0);
    assertThat(first.getPort()).isEqualTo(8080);
    assertThat(first.getTarget().toString()).matches("t\\d+\\.orders\\.shop\\.local\\.");
    Message target = query(first.getTarget().toString(), Type.A, false);
    assertThat(target.getSection(Section.ANSWER)).hasSize(1);
    Message soa = query("shop.local", Type.SOA, false);
    assertThat(soa.getSection(Section.ANSWER))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getType()).isEqualTo(Type.SOA);
              assertThat(r.getTTL()).isEqualTo(30);
            });
    Message weighted = query("one.shop.local", Type.AAAA, false);
    assertThat(weighted.getSection(Section.ANSWER))
        .singleElement()
        .satisfies(r -> assertThat(r.getTTL()).isEqualTo(5));
    Message nodata = query("one.shop.local", Type.A, false);
    assertThat(nodata.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(nodata.getSection(Section.ANSWER)).isEmpty();
    assertThat(nodata.getSection(Section.AUTHORITY))
        .singleElement()
        .satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
    Message nx = query("nope.shop.local", Type.A, false);
    assertThat(nx.getRcode()).isEqualTo(Rcode.NXDOMAIN);
    assertThat(nx.getSection(Section.AUTHORITY))
        .singleElement()
        .satisfies(r -> assertThat(r.getType()).isEqualTo(Type.SOA));
    assertThat(query("example.org", Type.A, false).getRcode()).isEqualTo(Rcode.REFUSED);
    assertThat(query("ORDERS.Shop.Local", Type.A, false).getSection(Section.ANSWER)).hasSize(8);
  }

  @Test
  void followsHealthAndRegistrations() throws Exception {
    for (int i = 1; i <= 8; i++) {
      String id = "t" + i;
      sd.updateInstanceCustomHealthStatus(
          b -> b.serviceId(orders.id()).instanceId(id).status(CustomHealthStatus.UNHEALTHY));
    }
    assertThat(addresses(query("orders.shop.local", Type.A, false)))
        .containsExactlyInAnyOrder("10.0.0.9", "10.0.0.10");
    for (int i = 9; i <= 10; i++) {
      String id = "t" + i;
      sd.updateInstanceCustomHealthStatus(
          b -> b.serviceId(orders.id()).instanceId(id).status(CustomHealthStatus.UNHEALTHY));
    }
    assertThat(addresses(query("orders.shop.local", Type.A, false))).hasSize(8); // fails open
    for (int i = 1; i <= 10; i++) {
      String id = "t" + i;
      sd.deregisterInstance(b -> b.serviceId(orders.id()).instanceId(id));
    }
    assertThat(query("orders.shop.local", Type.A, false).getRcode()).isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void theJdksOwnDnsClientReadsTheAnswers() throws Exception {
    java.util.Hashtable<String, String> env = new java.util.Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("java.naming.provider.url", "dns://127.0.0.1:" + kecs.dnsPort());
    javax.naming.directory.DirContext ctx = new javax.naming.directory.InitialDirContext(env);
    try {
      javax.naming.directory.Attribute a =
          ctx.getAttributes("orders.shop.local", new String[] {"A"}).get("A");
      assertThat(a.size()).isEqualTo(8);
      javax.naming.directory.Attribute srv =
          ctx.getAttributes("orders.shop.local", new String[] {"SRV"}).get("SRV");
      assertThat(srv.get().toString()).matches("1 1 8080 t\\d+\\.orders\\.shop\\.local\\.");
    } finally {
      ctx.close();
    }
  }

  @Test
  void malformedQueriesGetErrorsOrAreDropped() throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(2000);
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), kecs.dnsPort()));
      // a header announcing a question that is not there
      byte[] noQuestion = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};
      assertThat(rcode(s, noQuestion, 0x1234)).isEqualTo(Rcode.FORMERR);
      // opcode STATUS (2)
      byte[] status =
          Message.newQuery(Record.newRecord(Name.fromString("shop.local."), Type.A, 1)).toWire();
      status[0] = 0x22;
      status[1] = 0x22;
      status[2] = (byte) (2 << 3);
      assertThat(rcode(s, status, 0x2222)).isEqualTo(Rcode.NOTIMP);
      // a label pointing past the end, and a compression loop
      byte[] broken = {0x33, 0x33, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0x3f, 'a', 'b'};
      assertThat(rcode(s, broken, 0x3333)).isEqualTo(Rcode.FORMERR);
      byte[] loop = {0x44, 0x44, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, (byte) 0xc0, 12, 0, 1, 0, 1};
      assertThat(rcode(s, loop, 0x4444)).isEqualTo(Rcode.FORMERR);
      // a name longer than 255 bytes
      java.io.ByteArrayOutputStream huge = new java.io.ByteArrayOutputStream();
      huge.write(new byte[] {0x55, 0x55, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
      for (int i = 0; i < 5; i++) {
        huge.write(63);
        huge.write("a".repeat(63).getBytes(StandardCharsets.US_ASCII));
      }
      huge.write(new byte[] {0, 0, 1, 0, 1});
      assertThat(rcode(s, huge.toByteArray(), 0x5555)).isEqualTo(Rcode.FORMERR);
      // too short to carry an id, and an answer sent as a query: dropped
      s.send(new DatagramPacket(new byte[] {1, 2, 3}, 3));
      byte[] answerBit =
          Message.newQuery(Record.newRecord(Name.fromString("orders.shop.local."), Type.A, 1))
              .toWire();
      answerBit[2] |= (byte) 0x80;
      s.send(new DatagramPacket(answerBit, answerBit.length));
      s.setSoTimeout(300);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> s.receive(new DatagramPacket(new byte[512], 512)))
          .isInstanceOf(SocketTimeoutException.class);
    }
    // an unknown type for an existing name: NOERROR without answers
    Message unknown = query("orders.shop.local", 65280, false);
    assertThat(unknown.getRcode()).isEqualTo(Rcode.NOERROR);
    assertThat(unknown.getSection(Section.ANSWER)).isEmpty();
    assertThat(query("orders.shop.local", Type.A, false).getSection(Section.ANSWER)).hasSize(8);
  }

  private static int rcode(DatagramSocket s, byte[] packet, int id) throws Exception {
    s.send(new DatagramPacket(packet, packet.length));
    DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
    s.receive(in);
    Message m = new Message(java.util.Arrays.copyOf(in.getData(), in.getLength()));
    assertThat(m.getHeader().getID()).isEqualTo(id);
    assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
    return m.getRcode();
  }

  @Test
  void keepsAnsweringUnderAFloodFromOneClient() throws Exception {
    int total = 10_000;
    AtomicInteger answered = new AtomicInteger();
    List<Integer> duringFlood = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (DatagramSocket s = new DatagramSocket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), kecs.dnsPort()));
      s.setSoTimeout(2000);
      Thread receiver =
          Thread.ofPlatform()
              .start(
                  () -> {
                    byte[] buf = new byte[4096];
                    try {
                      while (answered.get() < total) {
                        s.receive(new DatagramPacket(buf, buf.length));
                        answered.incrementAndGet();
                      }
                    } catch (Exception e) {
                      // timeout: the rest were dropped by full socket buffers, as UDP may
                    }
                  });
      // another client asks while the flood runs: it must still get answers
      Thread other =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 20; i++) {
                      try {
                        duringFlood.add(
                            query("orders.shop.local", Type.A, false)
                                .getSection(Section.ANSWER)
                                .size());
                      } catch (Exception e) {
                        duringFlood.add(-1);
                      }
                    }
                  });
      for (int i = 0; i < total; i++) {
        Message q =
            Message.newQuery(Record.newRecord(Name.fromString("orders.shop.local."), Type.A, 1));
        q.getHeader().setID(i & 0xffff);
        byte[] wire = q.toWire();
        s.send(new DatagramPacket(wire, wire.length));
      }
      other.join(TimeUnit.SECONDS.toMillis(120));
      receiver.join(TimeUnit.SECONDS.toMillis(60));
    }
    System.out.println(
        "flood: " + answered.get() + " of " + total + " answered; other client: " + duringFlood);
    assertThat(answered.get()).isPositive();
    assertThat(duringFlood).hasSize(20);
    assertThat(duringFlood.stream().filter(n -> n == 8).count()).isGreaterThanOrEqualTo(15);
    assertThat(query("orders.shop.local", Type.A, false).getSection(Section.ANSWER)).hasSize(8);
    assertThat(query("orders.shop.local", Type.A, true).getSection(Section.ANSWER)).hasSize(8);
  }

  @Test
  void digReadsTheAnswers() throws Exception {
    boolean hasDig = Files.isExecutable(Path.of("/usr/bin/dig"));
    if (System.getenv("CI") == null) {
      assumeThat(hasDig).as("dig (apt-get install bind9-dnsutils)").isTrue();
    }
    assertThat(hasDig).as("dig must be installed in CI").isTrue();
    assertThat(dig("orders.shop.local", "A", "+short").lines().toList())
        .hasSize(8)
        .allMatch(l -> l.startsWith("10.0.0."));
    assertThat(dig("orders.shop.local", "SRV", "+short").lines().toList())
        .hasSize(8)
        .allMatch(l -> l.matches("1 1 8080 t\\d+\\.orders\\.shop\\.local\\."));
    assertThat(dig("orders.shop.local", "SRV", "+tcp", "+short").lines().toList()).hasSize(8);
    String full = dig("orders.shop.local", "A", "+noall", "+answer");
    assertThat(full).containsPattern("orders\\.shop\\.local\\.\\s+10\\s+IN\\s+A\\s+10\\.0\\.0\\.");
    assertThat(dig("nope.shop.local", "A")).contains("status: NXDOMAIN");
    assertThat(dig("shop.local", "SOA", "+noall", "+answer"))
        .containsPattern("shop\\.local\\.\\s+30\\s+IN\\s+SOA");
    assertThat(dig("one.shop.local", "AAAA", "+short").lines().toList())
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("fd00::"));
  }

  private static String dig(String... args) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of("dig", "@127.0.0.1", "-p", "" + kecs.dnsPort(), "+time=3", "+tries=1"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
