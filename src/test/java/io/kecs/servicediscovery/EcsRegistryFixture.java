package io.kecs.servicediscovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/** What the ECS-with-Cloud-Map tests share: a task definition, polling, DNS and task addresses. */
final class EcsRegistryFixture {
  private final KecsTestServer kecs;
  private final EcsClient ecs;

  EcsRegistryFixture(KecsTestServer kecs) {
    this.kecs = kecs;
    this.ecs = kecs.ecs();
  }

  /** A Fargate task definition: container {@code app}, port 8080 named {@code http}. */
  String taskDefinition(String family, NetworkMode mode) {
    return ecs.registerTaskDefinition(
            r ->
                r.family(family)
                    .requiresCompatibilities(
                        mode == NetworkMode.AWSVPC ? Compatibility.FARGATE : Compatibility.EC2)
                    .networkMode(mode)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(
                        c ->
                            c.name("app")
                                .image("nginx:1")
                                .portMappings(p -> p.containerPort(8080).name("http"))))
        .taskDefinition()
        .taskDefinitionArn();
  }

  /** Polls {@code value} until {@code done} holds or {@code timeout} passes; answers the last. */
  static <T> T until(Duration timeout, Supplier<T> value, Predicate<T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T v = value.get();
    while (!done.test(v) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      v = value.get();
    }
    return v;
  }

  /** The running tasks of a service, by id. */
  List<Task> running(String cluster, String service) {
    List<String> arns =
        ecs.listTasks(r -> r.cluster(cluster).serviceName(service).desiredStatus("RUNNING"))
            .taskArns();
    if (arns.isEmpty()) {
      return List.of();
    }
    return ecs.describeTasks(r -> r.cluster(cluster).tasks(arns)).tasks().stream()
        .filter(t -> "RUNNING".equals(t.lastStatus()))
        .toList();
  }

  static String id(Task t) {
    return t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
  }

  static String ip(Task t) {
    for (Attachment a : t.attachments()) {
      for (var d : a.details()) {
        if ("privateIPv4Address".equals(d.name())) {
          return d.value();
        }
      }
    }
    return null;
  }

  /** The answer records' data for {@code name}, asked of KECS's DNS server with dnsjava. */
  Set<String> dns(String name, int type) {
    try {
      SimpleResolver r = new SimpleResolver(InetAddress.getLoopbackAddress());
      r.setPort(kecs.dnsPort());
      r.setTimeout(Duration.ofSeconds(3));
      Message m =
          r.send(Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, 1)));
      Set<String> out = new TreeSet<>();
      for (Record rec : m.getSection(Section.ANSWER)) {
        out.add(rec.rdataToString());
      }
      return out;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  Set<String> a(String name) {
    return dns(name, Type.A);
  }

  /** {@code dig +short} against KECS's DNS server. */
  String dig(String name, String type) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "dig",
                "@127.0.0.1",
                "-p",
                "" + kecs.dnsPort(),
                "+time=3",
                "+tries=1",
                name,
                type,
                "+short"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
