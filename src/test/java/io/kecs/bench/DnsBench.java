package io.kecs.bench;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/**
 * Cloud Map benchmark (bench/dns.sh): KECS in-process, a MULTIVALUE A service with 100 instances;
 * DNS A queries over UDP from {@code clients} threads, each waiting for its answer (queries/s and
 * latency), then DiscoverInstances with the SDK the same way.
 */
public final class DnsBench {
  private DnsBench() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    ServerConfig config =
        ServerConfig.forTests().toBuilder().simulatedStep(java.time.Duration.ofMillis(100)).build();
    try (KecsServer kecs = KecsServer.start(config);
        ServiceDiscoveryClient sd = client(kecs.endpoint())) {
      String op =
          sd.createPrivateDnsNamespace(b -> b.name("bench.local").vpc("vpc-1")).operationId();
      String ns =
          sd.getOperation(b -> b.operationId(op))
              .operation()
              .targets()
              .get(OperationTargetType.NAMESPACE);
      String svc =
          sd.createService(
                  b ->
                      b.name("api")
                          .namespaceId(ns)
                          .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(10L))))
              .service()
              .id();
      for (int i = 0; i < 100; i++) {
        String id = "i-" + i;
        String ip = "10.0." + (i / 250) + "." + (i % 250 + 1);
        sd.registerInstance(
            b -> b.serviceId(svc).instanceId(id).attributes(Map.of("AWS_INSTANCE_IPV4", ip)));
      }
      byte[] query =
          Message.newQuery(Record.newRecord(Name.fromString("api.bench.local."), Type.A, 1))
              .toWire();
      run(
          "dns A (100 instances, answers of 8)",
          clients,
          seconds,
          () -> {
            DatagramSocket s = new DatagramSocket();
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), kecs.dnsPort()));
            s.setSoTimeout(2000);
            byte[] buf = new byte[4096];
            return () -> {
              s.send(new DatagramPacket(query, query.length));
              s.receive(new DatagramPacket(buf, buf.length));
            };
          });
      // Raw awsJson over the JDK's HTTP client, as the ECS benchmarks use wrk: the SDK's own
      // signing and parsing would dominate the figure.
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpRequest discover =
          java.net.http.HttpRequest.newBuilder(kecs.endpoint())
              .header("X-Amz-Target", "Route53AutoNaming_v20170314.DiscoverInstances")
              .header("Content-Type", "application/x-amz-json-1.1")
              .POST(
                  java.net.http.HttpRequest.BodyPublishers.ofString(
                      "{\"NamespaceName\":\"bench.local\",\"ServiceName\":\"api\"}"))
              .build();
      run(
          "DiscoverInstances (100 instances, raw HTTP)",
          clients,
          seconds,
          () ->
              () -> {
                var r = http.send(discover, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200 || r.body().length < 1000) {
                  throw new IllegalStateException("DiscoverInstances answered " + r.statusCode());
                }
              });
    }
  }

  interface Call {
    void run() throws Exception;
  }

  interface CallFactory {
    Call create() throws Exception;
  }

  private static void run(String name, int clients, int seconds, CallFactory factory)
      throws Exception {
    long warmEnd = System.nanoTime() + 2_000_000_000L;
    Call warm = factory.create();
    while (System.nanoTime() < warmEnd) {
      warm.run();
    }
    Stats stats = new Stats(name);
    AtomicLong count = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    List<Thread> threads = new ArrayList<>();
    List<long[]> perThread = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      Call call = factory.create();
      long[] samples = new long[2_000_000];
      perThread.add(samples);
      int slot = c;
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    int n = 0;
                    try {
                      while (System.nanoTime() < end && n < samples.length - 1) {
                        long t0 = System.nanoTime();
                        call.run();
                        samples[++n] = System.nanoTime() - t0;
                      }
                    } catch (Exception e) {
                      System.err.println("client " + slot + ": " + e);
                    }
                    samples[0] = n;
                    count.addAndGet(n);
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    for (long[] samples : perThread) {
      for (int i = 1; i <= samples[0]; i++) {
        stats.addNanos(samples[i]);
      }
    }
    System.out.println(stats);
    System.out.printf(
        Locale.ROOT,
        "RESULT %s clients=%d rate=%.0f/s%n",
        name,
        clients,
        count.get() / (double) seconds);
  }

  private static ServiceDiscoveryClient client(URI endpoint) {
    return ServiceDiscoveryClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "x")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .overrideConfiguration(
            c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .build();
  }
}
