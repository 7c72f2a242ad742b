package io.kecs.ecs.taskdef;

import io.kecs.ecs.common.Names;
import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.tag.TagService;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;
import software.amazon.awssdk.services.ecs.model.VolumeFrom;

/**
 * RegisterTaskDefinition's rules, in the order ECS applies them: the family and tags, the task
 * size, volumes, the containers (shared with daemon task definitions), network-mode rules, then the
 * launch types named in {@code requiresCompatibilities}. The result carries what ECS derives and
 * stores: the converted task size, the completed containers and the compatibilities.
 */
final class TaskDefinitionValidator {
  static final int MAX_PLACEMENT_CONSTRAINTS = 10;
  static final int MIN_EPHEMERAL_GIB = 21;
  static final int MAX_EPHEMERAL_GIB = 200;

  /** A definition that passed: what to store besides the request's own fields. */
  record Checked(
      NetworkMode mode,
      TaskSize size,
      List<ContainerDefinition> containers,
      List<Compatibility> compatibilities) {}

  private TaskDefinitionValidator() {}

  static Checked validate(RegisterTaskDefinitionRequest r) {
    requireValidFamily(r.family());
    TagService.validate(r.tags());
    NetworkMode mode = r.networkMode() == null ? NetworkMode.BRIDGE : r.networkMode();
    TaskSize size = TaskSize.parse(r.cpu(), r.memory());
    Set<String> volumes = VolumeRules.check(r.volumes());
    boolean execRole = r.executionRoleArn() != null && !r.executionRoleArn().isEmpty();
    ContainerDefinitionValidator.validate(
        r.containerDefinitions().stream().map(ContainerSpec::of).toList(), volumes, size, execRole);
    Set<String> names =
        r.containerDefinitions().stream()
            .map(ContainerDefinition::name)
            .collect(Collectors.toSet());
    List<ContainerDefinition> containers = new ArrayList<>();
    for (ContainerDefinition c : r.containerDefinitions()) {
      checkNetworking(c, mode, names);
      containers.add(TaskDefinitionDefaults.container(c, mode));
    }
    PortMappingRules.checkTask(containers, mode);
    checkTaskParameters(r, mode, names);
    return new Checked(mode, size, containers, compatibilities(r, mode, size));
  }

  static void requireValidFamily(String family) {
    if (!Names.isValidName(family)) {
      throw new ClientException(
          "Invalid family name '"
              + family
              + "'. Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens"
              + " are allowed.");
    }
  }

  /** Links, volumesFrom, hostname and extra hosts depend on the network mode and on siblings. */
  private static void checkNetworking(ContainerDefinition c, NetworkMode mode, Set<String> names) {
    if (!c.links().isEmpty()) {
      if (mode != NetworkMode.BRIDGE) {
        throw new ClientException(
            "Invalid 'links' setting for container '"
                + c.name()
                + "'. Links are only supported when networkMode=bridge.");
      }
      for (String link : c.links()) {
        String target = link.split(":", 2)[0];
        if (!names.contains(target) || target.equals(c.name())) {
          throw new ClientException(
              "Invalid 'links' setting for container '"
                  + c.name()
                  + "'. Link '"
                  + link
                  + "' does not name another container of the task definition.");
        }
      }
    }
    for (VolumeFrom v : c.volumesFrom()) {
      if (v.sourceContainer() == null
          || !names.contains(v.sourceContainer())
          || v.sourceContainer().equals(c.name())) {
        throw new ClientException(
            "Invalid 'volumesFrom' setting for container '"
                + c.name()
                + "'. Source container '"
                + v.sourceContainer()
                + "' is not another container of the task definition.");
      }
    }
    if (mode == NetworkMode.AWSVPC && c.hostname() != null) {
      throw new ClientException(
          "Invalid 'hostname' setting for container '"
              + c.name()
              + "'. The hostname parameter is not supported when networkMode=awsvpc.");
    }
    if (mode == NetworkMode.AWSVPC && !c.extraHosts().isEmpty()) {
      throw new ClientException(
          "Invalid 'extraHosts' setting for container '"
              + c.name()
              + "'. The extraHosts parameter is not supported when networkMode=awsvpc.");
    }
  }

  private static void checkTaskParameters(
      RegisterTaskDefinitionRequest r, NetworkMode mode, Set<String> names) {
    List<TaskDefinitionPlacementConstraint> constraints = r.placementConstraints();
    if (constraints.size() > MAX_PLACEMENT_CONSTRAINTS) {
      throw new ClientException(
          "You can specify a maximum of " + MAX_PLACEMENT_CONSTRAINTS + " placement constraints.");
    }
    for (TaskDefinitionPlacementConstraint p : constraints) {
      if (p.type() == null || p.expression() == null || p.expression().isEmpty()) {
        throw new ClientException(
            "Invalid 'placementConstraints' setting. A memberOf constraint requires an"
                + " expression.");
      }
    }
    if (r.proxyConfiguration() != null) {
      if (mode != NetworkMode.AWSVPC) {
        throw new ClientException("A proxy configuration requires networkMode=awsvpc.");
      }
      if (!names.contains(r.proxyConfiguration().containerName())) {
        throw new ClientException(
            "Invalid 'proxyConfiguration' setting. Container '"
                + r.proxyConfiguration().containerName()
                + "' is not defined in the task definition.");
      }
    }
    if (r.ephemeralStorage() != null) {
      int size = r.ephemeralStorage().sizeInGiB();
      if (size < MIN_EPHEMERAL_GIB || size > MAX_EPHEMERAL_GIB) {
        throw new ClientException(
            "Invalid 'ephemeralStorage' setting. The size must be between "
                + MIN_EPHEMERAL_GIB
                + " and "
                + MAX_EPHEMERAL_GIB
                + " GiB.");
      }
    }
  }

  /**
   * Refuses the definition if it breaks a launch type it requires, and answers the launch types it
   * fits: EC2 always, EXTERNAL and FARGATE when their rules pass, MANAGED_INSTANCES when required.
   */
  static List<Compatibility> compatibilities(
      RegisterTaskDefinitionRequest r, NetworkMode mode, TaskSize size) {
    for (Compatibility required : r.requiresCompatibilities()) {
      List<String> problems = LaunchTypeRules.violations(required, r, mode, size);
      if (!problems.isEmpty()) {
        throw new ClientException(problems.get(0));
      }
    }
    List<Compatibility> out = new ArrayList<>();
    if (LaunchTypeRules.external(r, mode).isEmpty()) {
      out.add(Compatibility.EXTERNAL);
    }
    out.add(Compatibility.EC2);
    if (r.requiresCompatibilities().contains(Compatibility.MANAGED_INSTANCES)) {
      out.add(Compatibility.MANAGED_INSTANCES);
    }
    if (LaunchTypeRules.fargate(r, mode, size).isEmpty()) {
      out.add(Compatibility.FARGATE);
    }
    return out;
  }
}
