package io.kecs.ecs.task;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.NetworkConfiguration;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/** The ECS rules for the parameters of task launches (RunTask, StartTask, services). */
public final class TaskRequestRules {
  private static final Pattern STARTED_BY = Pattern.compile("[a-zA-Z0-9_/-]{1,128}");
  private static final Pattern CLIENT_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,64}");
  private static final Set<String> SPREAD_FIELDS_PREFIX = Set.of("instanceId", "host");
  private static final int MAX_OVERRIDE_CHARS = 8192;

  private TaskRequestRules() {}

  /**
   * Platform versions are Fargate's: ECS refuses one for tasks and services on the EC2 launch type.
   *
   * @param launchType the launch type the request runs on (given or defaulted), null under a
   *     capacity provider strategy
   */
  public static void platformVersion(String launchType, String platformVersion) {
    if (platformVersion != null && "EC2".equals(launchType)) {
      throw new InvalidParameterException(EcsMessages.PLATFORM_VERSION_WITH_EC2);
    }
  }

  static void count(Integer count) {
    if (count != null && (count < 1 || count > 10)) {
      throw new InvalidParameterException(
          "The count must be between 1 and 10, but was " + count + ".");
    }
  }

  static void startedBy(String startedBy) {
    if (startedBy != null && !STARTED_BY.matcher(startedBy).matches()) {
      throw new InvalidParameterException(
          "startedBy may have up to 128 letters (uppercase and lowercase), numbers, hyphens,"
              + " forward slashes and underscores.");
    }
  }

  static void group(String group) {
    if (group != null && (group.isEmpty() || group.length() > 255)) {
      throw new InvalidParameterException("group must be between 1 and 255 characters long.");
    }
  }

  static void clientToken(String token) {
    if (token != null && !CLIENT_TOKEN.matcher(token).matches()) {
      throw new InvalidParameterException(
          "clientToken may have up to 64 characters in the range 33-126 inclusive.");
    }
  }

  /** awsvpc tasks need subnets; other network modes take no network configuration. */
  public static AwsVpcConfiguration network(TaskDefinition def, NetworkConfiguration config) {
    boolean awsvpc = "awsvpc".equals(def.networkModeAsString());
    AwsVpcConfiguration vpc = config == null ? null : config.awsvpcConfiguration();
    if (!awsvpc) {
      if (vpc != null) {
        throw new InvalidParameterException(
            "Network Configuration is not valid for the given networkMode of this task definition.");
      }
      return null;
    }
    if (vpc == null) {
      throw new InvalidParameterException(EcsMessages.NETWORK_CONFIGURATION_REQUIRED);
    }
    if (!vpc.hasSubnets() || vpc.subnets().isEmpty()) {
      throw new InvalidParameterException("subnets can not be empty.");
    }
    if (vpc.subnets().size() > 16) {
      throw new InvalidParameterException("subnets can have at most 16 items.");
    }
    if (vpc.hasSecurityGroups() && vpc.securityGroups().size() > 5) {
      throw new InvalidParameterException("securityGroups can have at most 5 items.");
    }
    return vpc;
  }

  /** Overrides may only name containers of the definition, and have a size limit. */
  public static void overrides(TaskDefinition def, TaskOverride overrides, int serializedLength) {
    if (overrides == null) {
      return;
    }
    if (serializedLength > MAX_OVERRIDE_CHARS) {
      throw new InvalidParameterException(
          "Container Overrides length must be at most " + MAX_OVERRIDE_CHARS + " characters.");
    }
    Set<String> names =
        def.containerDefinitions().stream()
            .map(ContainerDefinition::name)
            .collect(Collectors.toSet());
    for (ContainerOverride o : overrides.containerOverrides()) {
      if (o.name() == null || !names.contains(o.name())) {
        throw new InvalidParameterException(
            "Override for container named "
                + o.name()
                + " is not a container in the TaskDefinition.");
      }
    }
  }

  static void executeCommand(TaskDefinition def, TaskOverride overrides, Boolean enable) {
    boolean hasRole =
        def.taskRoleArn() != null || (overrides != null && overrides.taskRoleArn() != null);
    if (Boolean.TRUE.equals(enable) && !hasRole) {
      throw new InvalidParameterException(
          "The specified task definition does not have a task role. A task role is required when"
              + " enableExecuteCommand is true.");
    }
  }

  public static void placement(
      List<PlacementConstraint> constraints, List<PlacementStrategy> strategy) {
    if (constraints.size() > 10) {
      throw new InvalidParameterException("placementConstraints can have at most 10 items.");
    }
    for (PlacementConstraint c : constraints) {
      String type = c.typeAsString();
      if ("memberOf".equals(type) && (c.expression() == null || c.expression().isBlank())) {
        throw new InvalidParameterException(
            "A memberOf placement constraint requires an expression.");
      }
      if ("distinctInstance".equals(type) && c.expression() != null) {
        throw new InvalidParameterException(
            "A distinctInstance placement constraint takes no expression.");
      }
      if (type == null) {
        throw new InvalidParameterException("A placement constraint needs a type.");
      }
    }
    if (strategy.size() > 5) {
      throw new InvalidParameterException("placementStrategy can have at most 5 items.");
    }
    for (PlacementStrategy s : strategy) {
      String type = s.typeAsString();
      String field = s.field();
      if (type == null) {
        throw new InvalidParameterException("A placement strategy needs a type.");
      }
      switch (type) {
        case "random" -> {
          if (field != null) {
            throw new InvalidParameterException("The random placement strategy takes no field.");
          }
        }
        case "binpack" -> {
          if (field == null
              || !(field.equalsIgnoreCase("cpu") || field.equalsIgnoreCase("memory"))) {
            throw new InvalidParameterException(
                "The binpack placement strategy field must be cpu or memory.");
          }
        }
        case "spread" -> {
          if (field == null
              || !(SPREAD_FIELDS_PREFIX.contains(field) || field.startsWith("attribute:"))) {
            throw new InvalidParameterException(
                "The spread placement strategy field must be instanceId, host or attribute:<name>.");
          }
        }
        default ->
            throw new InvalidParameterException("Unknown placement strategy type " + type + ".");
      }
    }
  }

  static void runnable(TaskDefinition def) {
    if (!"ACTIVE".equals(def.statusAsString())) {
      throw new ClientException("TaskDefinition is inactive");
    }
  }
}
