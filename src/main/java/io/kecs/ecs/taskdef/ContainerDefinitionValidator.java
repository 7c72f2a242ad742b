package io.kecs.ecs.taskdef;

import io.kecs.ecs.common.Names;
import io.kecs.ecs.error.ClientException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.Ulimit;

/**
 * Container rules shared by task definitions and daemon task definitions: count, names, images,
 * essential containers, health checks, secrets, mount points, restart policies and ulimits, plus
 * memory and cpu ({@link ContainerMemoryRules}), logging ({@link ContainerLoggingRules}) and
 * dependencies ({@link ContainerDependencies}). ECS answers these with ClientException, naming the
 * container.
 */
final class ContainerDefinitionValidator {
  static final int MAX_CONTAINERS = 10;

  /**
   * Images: up to 255 characters before an optional {@code @sha256:<64 hex>} digest, letters,
   * numbers, hyphens, underscores, colons, periods, slashes and number signs.
   */
  private static final Pattern IMAGE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9._\\-/:#]{0,254}(@sha256:[A-Fa-f0-9]{64})?");

  private ContainerDefinitionValidator() {}

  /**
   * @param volumes the names of the task's volumes, which mount points must name
   * @param executionRole whether the definition has an execution role (secrets need one)
   */
  static void validate(
      List<ContainerSpec> containers, Set<String> volumes, TaskSize size, boolean executionRole) {
    if (containers.isEmpty()) {
      throw new ClientException("Container list cannot be empty.");
    }
    if (containers.size() > MAX_CONTAINERS) {
      throw new ClientException("Too many containers.");
    }
    Set<String> names = new HashSet<>();
    for (ContainerSpec c : containers) {
      if (c.name() == null || c.name().isEmpty()) {
        throw new ClientException("Container.name should not be null or empty.");
      }
      if (!Names.isValidName(c.name())) {
        throw new ClientException(
            "Invalid container name '"
                + c.name()
                + "'. Up to 255 letters (uppercase and lowercase), numbers, underscores, and"
                + " hyphens are allowed.");
      }
      if (!names.add(c.name())) {
        throw new ClientException(
            "Duplicate container name '" + c.name() + "'. Container names must be unique.");
      }
      checkContainer(c, volumes, size, executionRole);
    }
    if (containers.stream().noneMatch(ContainerSpec::essential)) {
      throw new ClientException("At least one container in the task definition must be essential.");
    }
    ContainerDependencies.check(containers);
    ContainerMemoryRules.checkTaskTotals(containers, size);
    ContainerLoggingRules.checkFirelens(containers);
  }

  private static void checkContainer(
      ContainerSpec c, Set<String> volumes, TaskSize size, boolean executionRole) {
    String name = c.name();
    if (c.image() == null || c.image().isEmpty()) {
      throw new ClientException("Container.image should not be null or empty.");
    }
    if (!IMAGE.matcher(c.image()).matches()) {
      throw new ClientException("Invalid 'image' setting for container '" + name + "'.");
    }
    if (c.cpu() != null && c.cpu() < 0) {
      throw new ClientException("Invalid 'cpu' setting for container '" + name + "'.");
    }
    ContainerMemoryRules.check(c, size);
    checkHealthCheck(name, c.healthCheck());
    ContainerLoggingRules.check(name, c.logConfiguration(), executionRole);
    if (!c.secrets().isEmpty() && !executionRole) {
      throw new ClientException(
          "When you are specifying container secrets, you must also specify a value for"
              + " 'executionRoleArn'.");
    }
    for (MountPoint m : c.mountPoints()) {
      if (m.sourceVolume() == null || !volumes.contains(m.sourceVolume())) {
        throw new ClientException(
            "Invalid 'mountPoints' setting for container '"
                + name
                + "'. The source volume '"
                + m.sourceVolume()
                + "' is not defined in the task definition volumes.");
      }
      if (m.containerPath() == null || m.containerPath().isEmpty()) {
        throw new ClientException(
            "Invalid 'mountPoints' setting for container '"
                + name
                + "'. 'containerPath' must not be empty.");
      }
    }
    if (c.environmentFiles().size() > 10) {
      throw new ClientException(
          "Invalid 'environmentFiles' setting for container '"
              + name
              + "'. You can specify up to 10 environment files.");
    }
    checkRestartPolicy(c);
    checkUlimits(name, c.ulimits());
    if (c.startTimeout() != null && c.startTimeout() < 0) {
      throw new ClientException("Invalid 'startTimeout' setting for container '" + name + "'.");
    }
    if (c.stopTimeout() != null && c.stopTimeout() < 0) {
      throw new ClientException("Invalid 'stopTimeout' setting for container '" + name + "'.");
    }
  }

  /** Docker's bounds for health checks, which ECS documents and enforces at registration. */
  private static void checkHealthCheck(String name, HealthCheck h) {
    if (h == null) {
      return;
    }
    if (h.command().isEmpty()) {
      throw new ClientException(
          "Invalid 'healthCheck' setting for container '" + name + "'. 'command' is empty.");
    }
    inRange(name, "healthCheck.interval", h.interval(), 5, 300);
    inRange(name, "healthCheck.timeout", h.timeout(), 2, 60);
    inRange(name, "healthCheck.retries", h.retries(), 1, 10);
    inRange(name, "healthCheck.startPeriod", h.startPeriod(), 0, 300);
  }

  private static void checkRestartPolicy(ContainerSpec c) {
    if (c.restartPolicy() == null) {
      return;
    }
    if (c.restartPolicy().ignoredExitCodes().size() > 50) {
      throw new ClientException(
          "Invalid 'restartPolicy' setting for container '"
              + c.name()
              + "'. You can specify up to 50 ignored exit codes.");
    }
    inRange(
        c.name(),
        "restartPolicy.restartAttemptPeriod",
        c.restartPolicy().restartAttemptPeriod(),
        60,
        1800);
  }

  private static void checkUlimits(String name, List<Ulimit> ulimits) {
    Set<String> seen = new HashSet<>();
    for (Ulimit u : ulimits) {
      if (!seen.add(u.nameAsString())) {
        throw new ClientException(
            "Invalid 'ulimits' setting for container '"
                + name
                + "'. Duplicate ulimit '"
                + u.nameAsString()
                + "'.");
      }
      if (u.softLimit() > u.hardLimit()) {
        throw new ClientException(
            "Invalid 'ulimits' setting for container '"
                + name
                + "'. The soft limit of '"
                + u.nameAsString()
                + "' cannot be greater than its hard limit.");
      }
    }
  }

  static void inRange(String container, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw new ClientException(
          "Invalid '"
              + field
              + "' setting for container '"
              + container
              + "'. The value must be between "
              + min
              + " and "
              + max
              + ".");
    }
  }
}
