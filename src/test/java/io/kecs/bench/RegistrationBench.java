package io.kecs.bench;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;

/**
 * Time from a service task reaching RUNNING (as DescribeTasks shows it) to its name resolving on
 * KECS's DNS server (bench/registration.sh): KECS in-process, an ECS service with {@code
 * serviceRegistries}, scaled 0 -> {@code perRound} -> 0 for {@code rounds} rounds. A watcher polls
 * DescribeTasks; the moment a task shows RUNNING it asks DNS in a loop until the task's address is
 * in the A answer. The figure includes one DescribeTasks and one DNS round trip of the watcher.
 */
public final class RegistrationBench {
  private RegistrationBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    ServerConfig config = ServerConfig.forTests();
    try (KecsServer kecs = KecsServer.start(config);
        ServiceDiscoveryClient sd = sd(kecs.endpoint());
        EcsClient ecs = ecs(kecs.endpoint())) {
      String op = sd.createPrivateDnsNamespace(b -> b.name("b.local").vpc("v")).operationId();
      String ns =
          sd.getOperation(b -> b.operationId(op))
              .operation()
              .targets()
              .get(OperationTargetType.NAMESPACE);
      String registry =
          sd.createService(
                  b ->
                      b.name("api")
                          .namespaceId(ns)
                          .dnsConfig(d -> d.dnsRecords(r -> r.type(RecordType.A).ttl(10L))))
              .service()
              .arn();
      ecs.createCluster(r -> r.clusterName("bench"));
      String td =
          ecs.registerTaskDefinition(
                  r ->
                      r.family("api")
                          .requiresCompatibilities(Compatibility.FARGATE)
                          .networkMode(NetworkMode.AWSVPC)
                          .cpu("256")
                          .memory("512")
                          .containerDefinitions(c -> c.name("app").image("nginx:1")))
              .taskDefinition()
              .taskDefinitionArn();
      ecs.createService(
          r ->
              r.cluster("bench")
                  .serviceName("api")
                  .taskDefinition(td)
                  .desiredCount(0)
                  .launchType(LaunchType.FARGATE)
                  .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1")))
                  .serviceRegistries(s -> s.registryArn(registry)));
      SimpleResolver dns = new SimpleResolver(InetAddress.getLoopbackAddress());
      dns.setPort(kecs.dnsPort());
      dns.setTimeout(Duration.ofSeconds(2));
      Stats stats = new Stats("running_to_resolving");
      for (int round = 0; round < rounds; round++) {
        ecs.updateService(r -> r.cluster("bench").service("api").desiredCount(perRound));
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seen.size() < perRound && System.nanoTime() < deadline) {
          for (Task t : running(ecs)) {
            String ip = ip(t);
            if (ip == null || !seen.add(t.taskArn())) {
              continue;
            }
            long t0 = System.nanoTime();
            while (!a(dns, "api.b.local").contains(ip)) {
              if (System.nanoTime() - t0 > Duration.ofSeconds(10).toNanos()) {
                throw new IllegalStateException("never resolved: " + ip);
              }
            }
            stats.addNanos(System.nanoTime() - t0);
          }
        }
        ecs.updateService(r -> r.cluster("bench").service("api").desiredCount(0));
        long drained = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!a(dns, "api.b.local").isEmpty() && System.nanoTime() < drained) {
          Thread.sleep(20);
        }
        while (!running(ecs).isEmpty() && System.nanoTime() < drained) {
          Thread.sleep(20);
        }
      }
      System.out.println(stats);
    }
  }

  private static List<Task> running(EcsClient ecs) {
    List<String> arns =
        ecs.listTasks(r -> r.cluster("bench").serviceName("api").desiredStatus("RUNNING"))
            .taskArns();
    if (arns.isEmpty()) {
      return List.of();
    }
    return ecs.describeTasks(r -> r.cluster("bench").tasks(arns)).tasks().stream()
        .filter(t -> "RUNNING".equals(t.lastStatus()))
        .toList();
  }

  private static String ip(Task t) {
    return t.attachments().stream()
        .flatMap(a -> a.details().stream())
        .filter(d -> "privateIPv4Address".equals(d.name()))
        .map(d -> d.value())
        .findFirst()
        .orElse(null);
  }

  private static Set<String> a(SimpleResolver dns, String name) throws Exception {
    Message m =
        dns.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), Type.A, 1)));
    Set<String> out = new HashSet<>();
    for (Record r : m.getSection(Section.ANSWER)) {
      out.add(r.rdataToString());
    }
    return out;
  }

  private static ServiceDiscoveryClient sd(URI endpoint) {
    return ServiceDiscoveryClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
        .overrideConfiguration(
            c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  private static EcsClient ecs(URI endpoint) {
    return EcsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }
}
