package io.kecs.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kecs.ecs.task.TaskDirectory;
import io.kecs.identity.Arn;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Task metadata v4 documents (the agent's {@code TaskResponse} and {@code ContainerResponse}) from
 * a stored task. Members follow the agent's rules for absence: a member it omits when empty is
 * omitted here too, so a client sees the same set of keys as on ECS.
 */
final class MetadataMapper {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The agent reports at least two CPU shares for a container (what Docker gets for 0 or 1). */
  private static final int MINIMUM_CPU_SHARES = 2;

  private MetadataMapper() {}

  /** {@code ${ECS_CONTAINER_METADATA_URI_V4}/task}, with the tags for {@code /taskWithTags}. */
  static ObjectNode task(TaskDirectory.Entry e, boolean withTags, Instant now) {
    Task t = e.task();
    TaskDefinition d = e.definition();
    ObjectNode n = NODES.objectNode();
    n.put("Cluster", clusterLabel(t));
    n.put("TaskARN", t.taskArn());
    n.put("Family", d.family());
    n.put("Revision", String.valueOf(d.revision()));
    n.put("DesiredStatus", t.desiredStatus());
    n.put("KnownStatus", t.lastStatus());
    ObjectNode limits = taskLimits(t);
    if (limits != null) {
      n.set("Limits", limits);
    }
    time(n, "PullStartedAt", t.pullStartedAt());
    time(n, "PullStoppedAt", t.pullStoppedAt());
    time(n, "ExecutionStoppedAt", t.executionStoppedAt());
    if (t.availabilityZone() != null) {
      n.put("AvailabilityZone", t.availabilityZone());
    }
    if (withTags) {
      n.set("TaskTags", tags(e.taskTags()));
      if (t.containerInstanceArn() != null) {
        n.set("ContainerInstanceTags", tags(e.instanceTags()));
      }
    }
    if (t.launchTypeAsString() != null) {
      n.put("LaunchType", t.launchTypeAsString());
    }
    ArrayNode containers = n.putArray("Containers");
    for (Container c : t.containers()) {
      containers.add(container(e, c));
    }
    serviceName(t).ifPresent(s -> n.put("ServiceName", s));
    // KECS's clock is the reference: it is synchronised with itself by definition.
    ObjectNode drift = n.putObject("ClockDrift");
    drift.put("ClockErrorBound", 0.0);
    drift.put("ReferenceTimestamp", now.toString());
    drift.put("ClockSynchronizationStatus", "SYNCHRONIZED");
    if (t.ephemeralStorage() != null && t.ephemeralStorage().sizeInGiB() != null) {
      ObjectNode storage = n.putObject("EphemeralStorageMetrics");
      storage.put("Utilized", 0);
      storage.put("Reserved", t.ephemeralStorage().sizeInGiB() * 1024L);
    }
    n.put("FaultInjectionEnabled", false);
    return n;
  }

  /** {@code ${ECS_CONTAINER_METADATA_URI_V4}}: one container. */
  static ObjectNode container(TaskDirectory.Entry e, Container c) {
    Task t = e.task();
    TaskDefinition d = e.definition();
    ContainerDefinition def = definitionOf(d, c.name());
    ObjectNode n = NODES.objectNode();
    n.put("DockerId", dockerId(c));
    n.put("Name", c.name());
    n.put("DockerName", dockerName(t, d, c));
    n.put("Image", c.image());
    n.put("ImageID", c.imageDigest() == null ? "" : c.imageDigest());
    ArrayNode ports = ports(t, def, c);
    if (!ports.isEmpty()) {
      n.set("Ports", ports);
    }
    ObjectNode labels = n.putObject("Labels");
    if (def != null && def.dockerLabels() != null) {
      new java.util.TreeMap<>(def.dockerLabels()).forEach(labels::put);
    }
    labels.put("com.amazonaws.ecs.cluster", clusterLabel(t));
    labels.put("com.amazonaws.ecs.container-name", c.name());
    labels.put("com.amazonaws.ecs.task-arn", t.taskArn());
    labels.put("com.amazonaws.ecs.task-definition-family", d.family());
    labels.put("com.amazonaws.ecs.task-definition-version", String.valueOf(d.revision()));
    n.put("DesiredStatus", "STOPPED".equals(t.desiredStatus()) ? "STOPPED" : "RUNNING");
    n.put("KnownStatus", c.lastStatus());
    if (c.exitCode() != null) {
      n.put("ExitCode", c.exitCode());
    }
    ObjectNode limits = n.putObject("Limits");
    limits.put("CPU", Math.max(MINIMUM_CPU_SHARES, number(c.cpu())));
    limits.put("Memory", number(c.memory()));
    time(n, "CreatedAt", t.createdAt());
    time(n, "StartedAt", "PENDING".equals(c.lastStatus()) ? null : t.startedAt());
    if ("STOPPED".equals(c.lastStatus())) {
      time(
          n, "FinishedAt", t.executionStoppedAt() != null ? t.executionStoppedAt() : t.stoppedAt());
    }
    n.put("Type", "NORMAL");
    if (def != null && def.healthCheck() != null) {
      n.putObject("Health").put("status", c.healthStatusAsString());
    }
    ArrayNode volumes = volumes(def);
    if (!volumes.isEmpty()) {
      n.set("Volumes", volumes);
    }
    if (def != null && def.logConfiguration() != null) {
      n.put("LogDriver", def.logConfiguration().logDriverAsString());
      ObjectNode options = n.putObject("LogOptions");
      Map<String, String> given = def.logConfiguration().options();
      new java.util.TreeMap<>(given).forEach(options::put);
      if ("awslogs".equals(def.logConfiguration().logDriverAsString())
          && given.get("awslogs-stream-prefix") != null) {
        options.put("awslogs-stream", LogStreams.name(given, c.name(), taskId(t)));
      }
    }
    n.put("ContainerARN", c.containerArn());
    ArrayNode networks = networks(t, d);
    if (!networks.isEmpty()) {
      n.set("Networks", networks);
    }
    return n;
  }

  /** The container of a task by name. */
  static Optional<Container> containerNamed(Task t, String name) {
    return t.containers().stream().filter(c -> c.name().equals(name)).findFirst();
  }

  static String dockerId(Container c) {
    return c.runtimeId() == null ? "" : c.runtimeId();
  }

  static String taskId(Task t) {
    if (t.taskArn() == null) {
      return "";
    }
    return t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
  }

  /** As the agent names Docker containers on EC2; Fargate shows the container's own name. */
  static String dockerName(Task t, TaskDefinition d, Container c) {
    if ("FARGATE".equals(t.launchTypeAsString())) {
      return c.name();
    }
    String id = dockerId(c);
    String suffix = id.length() >= 20 ? id.substring(0, 20) : id;
    return "ecs-"
        + d.family()
        + "-"
        + d.revision()
        + "-"
        + c.name().replaceAll("[^A-Za-z0-9-]", "")
        + "-"
        + suffix;
  }

  /** Fargate tasks see their cluster's ARN, tasks on instances its name (the agent's config). */
  private static String clusterLabel(Task t) {
    if ("FARGATE".equals(t.launchTypeAsString())) {
      return t.clusterArn();
    }
    return Arn.parse(t.clusterArn()).map(Arn::lastSegment).orElse(t.clusterArn());
  }

  private static Optional<String> serviceName(Task t) {
    return t.group() != null && t.group().startsWith("service:")
        ? Optional.of(t.group().substring("service:".length()))
        : Optional.empty();
  }

  /** CPU in vCPU and memory in MiB, as the task (not its containers) is sized; absent if unset. */
  private static ObjectNode taskLimits(Task t) {
    long cpu = number(t.cpu());
    long memory = number(t.memory());
    if (cpu == 0 && memory == 0) {
      return null;
    }
    ObjectNode n = NODES.objectNode();
    if (cpu != 0) {
      n.put("CPU", cpu / 1024.0);
    }
    if (memory != 0) {
      n.put("Memory", memory);
    }
    return n;
  }

  private static ArrayNode ports(Task t, ContainerDefinition def, Container c) {
    ArrayNode out = NODES.arrayNode();
    if (!c.networkBindings().isEmpty()) {
      for (NetworkBinding b : c.networkBindings()) {
        ObjectNode p = out.addObject();
        p.put("ContainerPort", b.containerPort());
        p.put("Protocol", b.protocolAsString());
        p.put("HostPort", b.hostPort());
        p.put("HostIp", b.bindIP());
      }
    } else if (def != null && !c.networkInterfaces().isEmpty()) {
      // awsvpc: the task owns its interface, so a container port is also the host port.
      for (PortMapping m : def.portMappings()) {
        if (m.containerPort() == null) {
          continue;
        }
        ObjectNode p = out.addObject();
        p.put("ContainerPort", m.containerPort());
        p.put("Protocol", m.protocol() == null ? "tcp" : m.protocolAsString());
        p.put("HostPort", m.containerPort());
        String ip = c.networkInterfaces().get(0).privateIpv4Address();
        if (ip != null) {
          p.put("HostIp", ip);
        }
      }
    }
    return out;
  }

  private static ArrayNode volumes(ContainerDefinition def) {
    ArrayNode out = NODES.arrayNode();
    if (def == null) {
      return out;
    }
    def.mountPoints()
        .forEach(
            m -> {
              ObjectNode v = out.addObject();
              v.put("DockerName", m.sourceVolume());
              v.put("Destination", m.containerPath());
            });
    return out;
  }

  /** The task's network as the agent reports it per container. */
  private static ArrayNode networks(Task t, TaskDefinition d) {
    ArrayNode out = NODES.arrayNode();
    Optional<Attachment> eni =
        t.attachments().stream()
            .filter(a -> "ElasticNetworkInterface".equals(a.type()))
            .findFirst();
    if (eni.isPresent()) {
      ObjectNode n = out.addObject();
      n.put("NetworkMode", "awsvpc");
      String ip = detail(eni.get(), "privateIPv4Address");
      ArrayNode ips = n.putArray("IPv4Addresses");
      if (ip != null) {
        ips.add(ip);
      }
      n.put("AttachmentIndex", 0);
      String mac = detail(eni.get(), "macAddress");
      if (mac != null) {
        n.put("MACAddress", mac);
      }
      if (ip != null) {
        // KECS models no subnets: a /24 around the address, AWS's reserved .1 (gateway) and .2
        // (DNS) in it, and EC2's DNS name for the address.
        String base = ip.substring(0, ip.lastIndexOf('.'));
        n.put("IPv4SubnetCIDRBlock", base + ".0/24");
        n.putArray("DomainNameServers").add(base + ".2");
        n.putArray("DomainNameSearchList").add(region(t) + ".compute.internal");
        String dns = detail(eni.get(), "privateDnsName");
        n.put("PrivateDNSName", dns != null ? dns : "ip-" + ip.replace('.', '-') + ".ec2.internal");
        n.put("SubnetGatewayIpv4Address", base + ".1/24");
      }
      return out;
    }
    String mode = d.networkModeAsString() == null ? "bridge" : d.networkModeAsString();
    ObjectNode n = out.addObject();
    n.put("NetworkMode", mode);
    n.putArray("IPv4Addresses");
    return out;
  }

  private static String region(Task t) {
    return Arn.parse(t.taskArn()).map(Arn::region).orElse("us-east-1");
  }

  private static String detail(Attachment a, String name) {
    return a.details().stream()
        .filter(kv -> name.equals(kv.name()))
        .map(KeyValuePair::value)
        .findFirst()
        .orElse(null);
  }

  private static ContainerDefinition definitionOf(TaskDefinition d, String name) {
    return d.containerDefinitions().stream()
        .filter(c -> name.equals(c.name()))
        .findFirst()
        .orElse(null);
  }

  private static ObjectNode tags(Map<String, String> tags) {
    ObjectNode n = NODES.objectNode();
    new java.util.TreeMap<>(tags).forEach(n::put);
    return n;
  }

  private static void time(ObjectNode n, String name, Instant at) {
    if (at != null) {
      n.put(name, at.toString());
    }
  }

  private static long number(String s) {
    if (s == null || s.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
