package io.kecs.ecs.taskdef;

import io.kecs.ecs.error.EcsMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.OSFamily;
import software.amazon.awssdk.services.ecs.model.PidMode;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.ResourceType;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * What each launch type cannot run. ECS uses the same checks twice: to refuse a definition whose
 * {@code requiresCompatibilities} names a launch type it breaks, and to compute the {@code
 * compatibilities} of every definition. Each check answers the reasons, in ECS's words, that the
 * definition does not fit (empty: it fits).
 */
final class LaunchTypeRules {
  private static final Set<LogDriver> FARGATE_LOG_DRIVERS =
      Set.of(LogDriver.AWSLOGS, LogDriver.SPLUNK, LogDriver.AWSFIRELENS);
  private static final int FARGATE_MAX_TIMEOUT = 120;
  private static final int FARGATE_MIN_TIMEOUT = 2;

  private LaunchTypeRules() {}

  static List<String> violations(
      Compatibility type, RegisterTaskDefinitionRequest r, NetworkMode mode, TaskSize size) {
    if (type == null) {
      return List.of();
    }
    return switch (type) {
      case FARGATE -> fargate(r, mode, size);
      case EXTERNAL -> external(r, mode);
      case MANAGED_INSTANCES -> managedInstances(mode);
      default -> List.of();
    };
  }

  static List<String> fargate(RegisterTaskDefinitionRequest r, NetworkMode mode, TaskSize size) {
    List<String> out = new ArrayList<>();
    if (mode != NetworkMode.AWSVPC) {
      out.add("Fargate only supports network mode 'awsvpc'.");
    }
    if (size.cpu() == null) {
      out.add("Fargate requires that 'cpu' be defined at the task level.");
    }
    if (size.memory() == null) {
      out.add("Fargate requires that 'memory' be defined at the task level.");
    }
    if (size.cpu() != null
        && size.memory() != null
        && !FargateResources.isValid(size.cpu(), size.memory())) {
      out.add(FargateResources.invalidMessage(size.cpu(), size.memory()));
    }
    boolean windows =
        r.runtimePlatform() != null
            && r.runtimePlatform().operatingSystemFamily() != null
            && r.runtimePlatform().operatingSystemFamily() != OSFamily.LINUX;
    if (windows && size.cpu() != null && size.cpu() < FargateResources.MIN_WINDOWS_CPU) {
      out.add("Fargate requires at least 1 vCPU (1024 CPU units) for Windows containers.");
    }
    boolean execRole = r.executionRoleArn() != null && !r.executionRoleArn().isEmpty();
    if (r.ipcMode() != null) {
      out.add(unsupported("ipcMode"));
    }
    if (r.pidMode() == PidMode.HOST) {
      out.add(EcsMessages.FARGATE_PID_MODE_HOST);
    }
    if (!r.placementConstraints().isEmpty()) {
      out.add(unsupported("placementConstraints"));
    }
    if (!r.inferenceAccelerators().isEmpty()) {
      out.add(unsupported("inferenceAccelerators"));
    }
    for (Volume v : r.volumes()) {
      if (v.host() != null && v.host().sourcePath() != null) {
        out.add(unsupported("volumes.host.sourcePath"));
      }
      if (v.dockerVolumeConfiguration() != null) {
        out.add(unsupported("volumes.dockerVolumeConfiguration"));
      }
    }
    for (ContainerDefinition c : r.containerDefinitions()) {
      fargateContainer(c, execRole, out);
    }
    return out;
  }

  private static void fargateContainer(ContainerDefinition c, boolean execRole, List<String> out) {
    if (Boolean.TRUE.equals(c.privileged())) {
      out.add(unsupported("privileged"));
    }
    if (!c.dockerSecurityOptions().isEmpty()) {
      out.add(unsupported("dockerSecurityOptions"));
    }
    var linux = c.linuxParameters();
    if (linux != null) {
      if (!linux.devices().isEmpty()) {
        out.add(unsupported("linuxParameters.devices"));
      }
      if (linux.sharedMemorySize() != null) {
        out.add(unsupported("linuxParameters.sharedMemorySize"));
      }
      if (!linux.tmpfs().isEmpty()) {
        out.add(unsupported("linuxParameters.tmpfs"));
      }
      if (linux.maxSwap() != null || linux.swappiness() != null) {
        out.add(unsupported("linuxParameters.maxSwap"));
      }
      if (linux.capabilities() != null
          && linux.capabilities().add().stream().anyMatch(a -> !a.equals("SYS_PTRACE"))) {
        out.add("Fargate only supports adding the 'SYS_PTRACE' kernel capability.");
      }
    }
    if (c.resourceRequirements().stream().anyMatch(q -> q.type() == ResourceType.GPU)) {
      out.add(unsupported("resourceRequirements GPU"));
    }
    if (outside(c.startTimeout()) || outside(c.stopTimeout())) {
      out.add("Fargate supports 'startTimeout' and 'stopTimeout' values from 2 to 120 seconds.");
    }
    if (c.logConfiguration() != null) {
      LogDriver driver = c.logConfiguration().logDriver();
      if (!FARGATE_LOG_DRIVERS.contains(driver)) {
        out.add("Fargate only supports the awslogs, splunk and awsfirelens log drivers.");
      }
      if (driver == LogDriver.AWSLOGS && !execRole) {
        out.add(
            "Fargate requires task definition to have execution role ARN to support log driver"
                + " awslogs.");
      }
      String prefix = c.logConfiguration().options().get("awslogs-stream-prefix");
      if (driver == LogDriver.AWSLOGS && (prefix == null || prefix.isEmpty())) {
        // Fargate names every stream <prefix>/<container>/<task id>; there is no other name.
        out.add(
            "Fargate requires log configuration options to include awslogs-stream-prefix to"
                + " support log driver awslogs.");
      }
    }
    if (c.image() != null && RequiredAttributes.isEcrImage(c.image()) && !execRole) {
      out.add("Fargate requires task definition to have execution role ARN to support ECR images.");
    }
  }

  private static boolean outside(Integer timeout) {
    return timeout != null && (timeout < FARGATE_MIN_TIMEOUT || timeout > FARGATE_MAX_TIMEOUT);
  }

  /** ECS Anywhere runs on the customer's servers: no task ENIs and no AWS-hosted storage. */
  static List<String> external(RegisterTaskDefinitionRequest r, NetworkMode mode) {
    List<String> out = new ArrayList<>();
    if (mode == NetworkMode.AWSVPC) {
      out.add("The EXTERNAL launch type does not support network mode 'awsvpc'.");
    }
    for (Volume v : r.volumes()) {
      if (v.efsVolumeConfiguration() != null
          || v.fsxWindowsFileServerVolumeConfiguration() != null
          || v.s3filesVolumeConfiguration() != null
          || Boolean.TRUE.equals(v.configuredAtLaunch())) {
        out.add("The EXTERNAL launch type does not support volume '" + v.name() + "'.");
      }
    }
    if (r.proxyConfiguration() != null) {
      out.add("The EXTERNAL launch type does not support 'proxyConfiguration'.");
    }
    if (!r.inferenceAccelerators().isEmpty()) {
      out.add("The EXTERNAL launch type does not support 'inferenceAccelerators'.");
    }
    return out;
  }

  /** Managed Instances run tasks with the awsvpc, host or none network modes. */
  static List<String> managedInstances(NetworkMode mode) {
    return mode == NetworkMode.BRIDGE
        ? List.of(
            "The MANAGED_INSTANCES launch type supports the awsvpc, host and none network modes.")
        : List.of();
  }

  private static String unsupported(String parameter) {
    return "The '" + parameter + "' parameter is not supported for tasks run on Fargate.";
  }
}
