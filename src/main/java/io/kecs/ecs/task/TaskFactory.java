package io.kecs.ecs.task;

import io.kecs.identity.Arn;
import io.kecs.runtime.ManagedEbsVolume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.ecs.model.Attachment;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.EphemeralStorage;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.NetworkBinding;
import software.amazon.awssdk.services.ecs.model.NetworkInterface;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/** Builds a new task record as ECS shows it right after RunTask / StartTask / a service launch. */
final class TaskFactory {
  static final String FARGATE_PLATFORM_VERSION = "1.4.0";
  private static final int FARGATE_DEFAULT_STORAGE_GIB = 20;

  private TaskFactory() {}

  /** What the caller asked for, beyond the definition and the placement. */
  record Spec(
      Arn cluster,
      TaskDefinition definition,
      Placement placement,
      TaskOverride overrides,
      AwsVpcConfiguration awsvpc,
      String group,
      String startedBy,
      boolean enableExecuteCommand,
      String platformVersion,
      ManagedEbsVolume volume) {}

  static Task create(Spec spec, Instant now) {
    return create(spec, TaskIds.taskId(), now);
  }

  /** A task with an id the runtime chose (a task its workload started). */
  static Task create(Spec spec, String id, Instant now) {
    Arn cluster = spec.cluster();
    Arn taskArn = Arn.task(cluster, id);
    TaskDefinition def = spec.definition();
    boolean fargate = "FARGATE".equals(spec.placement().launchType());
    TaskOverride overrides =
        spec.overrides() != null
            ? spec.overrides()
            : TaskOverride.builder().containerOverrides(List.of()).build();
    List<Attachment> attachments = new ArrayList<>();
    String attachmentId = null;
    if (spec.awsvpc() != null) {
      Attachment eni = eni(spec.awsvpc());
      attachmentId = eni.id();
      attachments.add(eni);
    }
    if (spec.volume() != null) {
      // Created and attached while the task is provisioned; the runtime's phases move it on.
      attachments.add(spec.volume().attachment(TaskIds.uuid(), TaskIds.volumeId(), "ATTACHING"));
    }
    List<Container> containers = new ArrayList<>();
    for (ContainerDefinition c : def.containerDefinitions()) {
      containers.add(
          container(
              cluster,
              id,
              taskArn,
              c,
              override(overrides, c.name()),
              attachmentId,
              def.networkModeAsString()));
    }
    Task.Builder b =
        Task.builder()
            .taskArn(taskArn.toString())
            .clusterArn(cluster.toString())
            .taskDefinitionArn(def.taskDefinitionArn())
            .containerInstanceArn(spec.placement().containerInstanceArn())
            .availabilityZone(spec.placement().availabilityZone())
            .launchType(spec.placement().launchType())
            .capacityProviderName(spec.placement().capacityProviderName())
            .overrides(overrides)
            .lastStatus(spec.awsvpc() != null ? "PROVISIONING" : "PENDING")
            .desiredStatus("RUNNING")
            .cpu(overrides.cpu() != null ? overrides.cpu() : def.cpu())
            .memory(overrides.memory() != null ? overrides.memory() : def.memory())
            .containers(containers)
            .attachments(attachments)
            .createdAt(now)
            .group(spec.group())
            .startedBy(spec.startedBy())
            .enableExecuteCommand(spec.enableExecuteCommand())
            .healthStatus("UNKNOWN")
            .tags(List.of())
            .version(1L);
    if (fargate) {
      b.platformVersion(
              spec.platformVersion() == null || "LATEST".equals(spec.platformVersion())
                  ? FARGATE_PLATFORM_VERSION
                  : spec.platformVersion())
          .platformFamily("Linux")
          .ephemeralStorage(
              EphemeralStorage.builder()
                  .sizeInGiB(
                      def.ephemeralStorage() != null
                          ? def.ephemeralStorage().sizeInGiB()
                          : FARGATE_DEFAULT_STORAGE_GIB)
                  .build())
          .attributes(
              Attribute.builder().name("ecs.cpu-architecture").value(cpuArchitecture(def)).build());
    }
    return b.build();
  }

  private static ContainerOverride override(TaskOverride overrides, String name) {
    return overrides.containerOverrides().stream()
        .filter(o -> name.equals(o.name()))
        .findFirst()
        .orElse(null);
  }

  private static Container container(
      Arn cluster,
      String taskId,
      Arn taskArn,
      ContainerDefinition c,
      ContainerOverride o,
      String attachmentId,
      String networkMode) {
    Container.Builder b =
        Container.builder()
            .containerArn(
                new Arn(
                        cluster.partition(),
                        "ecs",
                        cluster.region(),
                        cluster.account(),
                        "container/" + cluster.lastSegment() + "/" + taskId + "/" + TaskIds.uuid())
                    .toString())
            .taskArn(taskArn.toString())
            .name(c.name())
            .image(c.image())
            .lastStatus("PENDING")
            .healthStatus("UNKNOWN")
            .cpu(
                Integer.toString(
                    o != null && o.cpu() != null ? o.cpu() : c.cpu() != null ? c.cpu() : 0));
    Integer memory = o != null && o.memory() != null ? o.memory() : c.memory();
    if (memory != null) {
      b.memory(memory.toString());
    }
    Integer reservation =
        o != null && o.memoryReservation() != null ? o.memoryReservation() : c.memoryReservation();
    if (reservation != null) {
      b.memoryReservation(reservation.toString());
    }
    if (attachmentId != null) {
      b.networkInterfaces(NetworkInterface.builder().attachmentId(attachmentId).build());
    } else {
      b.networkBindings(bindings(c, networkMode));
    }
    return b.build();
  }

  /** Host ports for bridge and host mode: the mapped one, or one from the ephemeral range. */
  private static List<NetworkBinding> bindings(ContainerDefinition c, String networkMode) {
    List<NetworkBinding> out = new ArrayList<>();
    for (PortMapping p : c.portMappings()) {
      if (p.containerPort() == null) {
        continue;
      }
      int hostPort =
          "host".equals(networkMode)
              ? p.containerPort()
              : p.hostPort() != null && p.hostPort() != 0
                  ? p.hostPort()
                  : ThreadLocalRandom.current().nextInt(32768, 61000);
      out.add(
          NetworkBinding.builder()
              .bindIP("0.0.0.0")
              .containerPort(p.containerPort())
              .hostPort(hostPort)
              .protocol(p.protocol() == null ? "tcp" : p.protocolAsString())
              .build());
    }
    return out;
  }

  private static Attachment eni(AwsVpcConfiguration awsvpc) {
    return Attachment.builder()
        .id(TaskIds.uuid())
        .type("ElasticNetworkInterface")
        .status("PRECREATED")
        .details(
            KeyValuePair.builder().name("subnetId").value(awsvpc.subnets().get(0)).build(),
            KeyValuePair.builder().name("networkInterfaceId").value(TaskIds.eniId()).build(),
            KeyValuePair.builder().name("macAddress").value(TaskIds.macAddress()).build())
        .build();
  }

  private static String cpuArchitecture(TaskDefinition def) {
    return def.runtimePlatform() != null && def.runtimePlatform().cpuArchitecture() != null
        ? def.runtimePlatform().cpuArchitectureAsString().toLowerCase()
        : "x86_64";
  }
}
