package io.kecs.ecs.taskdef;

import io.kecs.ecs.error.ClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.LogDriver;

/**
 * Container logging: the options the awslogs driver cannot do without, secrets in log options need
 * an execution role to be fetched, and FireLens needs exactly one log router container.
 */
final class ContainerLoggingRules {
  private ContainerLoggingRules() {}

  static void check(String name, LogConfiguration log, boolean executionRole) {
    if (log == null) {
      return;
    }
    if (log.logDriver() == LogDriver.AWSLOGS) {
      Map<String, String> options = log.options();
      List<String> missing = new ArrayList<>();
      for (String required : List.of("awslogs-region", "awslogs-group")) {
        if (options.get(required) == null || options.get(required).isEmpty()) {
          missing.add(required);
        }
      }
      if (!missing.isEmpty()) {
        throw new ClientException(
            "Log driver awslogs requires options: " + String.join(", ", missing));
      }
    }
    if (!log.secretOptions().isEmpty() && !executionRole) {
      throw new ClientException(
          "When you are specifying container secrets, you must also specify a value for"
              + " 'executionRoleArn'.");
    }
  }

  /** At most one log router, and one must exist when a container logs through FireLens. */
  static void checkFirelens(List<ContainerSpec> containers) {
    long routers = containers.stream().filter(c -> c.firelensConfiguration() != null).count();
    if (routers > 1) {
      throw new ClientException(
          "Only one container in a task definition can have a 'firelensConfiguration'.");
    }
    boolean usesFirelens =
        containers.stream()
            .anyMatch(
                c ->
                    c.logConfiguration() != null
                        && c.logConfiguration().logDriver() == LogDriver.AWSFIRELENS);
    if (usesFirelens && routers == 0) {
      throw new ClientException(
          "A container using the 'awsfirelens' log driver requires a log router container with a"
              + " 'firelensConfiguration' in the task definition.");
    }
  }
}
