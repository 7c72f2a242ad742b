package io.kecs.ecs.taskdef;

import java.util.List;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.ContainerRestartPolicy;
import software.amazon.awssdk.services.ecs.model.DaemonContainerDefinition;
import software.amazon.awssdk.services.ecs.model.EnvironmentFile;
import software.amazon.awssdk.services.ecs.model.FirelensConfiguration;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.RepositoryCredentials;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Ulimit;

/**
 * The parts of a container definition whose rules are the same for task definitions ({@link
 * ContainerDefinition}) and daemon task definitions ({@link DaemonContainerDefinition}): the SDK
 * has two unrelated classes for them, so the shared validation reads this view instead.
 */
record ContainerSpec(
    String name,
    String image,
    Integer cpu,
    Integer memory,
    Integer memoryReservation,
    boolean essential,
    List<ContainerDependency> dependsOn,
    List<MountPoint> mountPoints,
    HealthCheck healthCheck,
    LogConfiguration logConfiguration,
    List<Secret> secrets,
    FirelensConfiguration firelensConfiguration,
    RepositoryCredentials repositoryCredentials,
    List<EnvironmentFile> environmentFiles,
    ContainerRestartPolicy restartPolicy,
    List<Ulimit> ulimits,
    Integer startTimeout,
    Integer stopTimeout,
    boolean privileged,
    boolean initProcessEnabled,
    boolean hasTmpfs) {

  static ContainerSpec of(ContainerDefinition c) {
    var linux = c.linuxParameters();
    return new ContainerSpec(
        c.name(),
        c.image(),
        c.cpu(),
        c.memory(),
        c.memoryReservation(),
        c.essential() == null || c.essential(),
        c.dependsOn(),
        c.mountPoints(),
        c.healthCheck(),
        c.logConfiguration(),
        c.secrets(),
        c.firelensConfiguration(),
        c.repositoryCredentials(),
        c.environmentFiles(),
        c.restartPolicy(),
        c.ulimits(),
        c.startTimeout(),
        c.stopTimeout(),
        Boolean.TRUE.equals(c.privileged()),
        linux != null && Boolean.TRUE.equals(linux.initProcessEnabled()),
        linux != null && linux.hasTmpfs() && !linux.tmpfs().isEmpty());
  }

  static ContainerSpec of(DaemonContainerDefinition c) {
    var linux = c.linuxParameters();
    return new ContainerSpec(
        c.name(),
        c.image(),
        c.cpu(),
        c.memory(),
        c.memoryReservation(),
        c.essential() == null || c.essential(),
        c.dependsOn(),
        c.mountPoints(),
        c.healthCheck(),
        c.logConfiguration(),
        c.secrets(),
        c.firelensConfiguration(),
        c.repositoryCredentials(),
        c.environmentFiles(),
        c.restartPolicy(),
        c.ulimits(),
        c.startTimeout(),
        c.stopTimeout(),
        Boolean.TRUE.equals(c.privileged()),
        linux != null && Boolean.TRUE.equals(linux.initProcessEnabled()),
        linux != null && linux.hasTmpfs() && !linux.tmpfs().isEmpty());
  }

  /** The memory this container reserves on an instance: the soft limit if given, else the hard. */
  int reservedMemory() {
    if (memoryReservation != null) {
      return memoryReservation;
    }
    return memory == null ? 0 : memory;
  }
}
