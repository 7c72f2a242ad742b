package io.kecs.ecs.daemon;

import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.taskdef.DaemonTaskDefinitionService;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DaemonLinuxParameters;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.LinuxParameters;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * Daemon task definitions seen as task definitions, so daemon tasks go through the same launcher,
 * lifecycle and runtime as every task. The daemon shape is a subset of the task shape; what differs
 * is mapped: {@code shared} PID / IPC namespaces are the host's, {@code none} is no sharing.
 */
public final class DaemonTaskDefinitions {
  private DaemonTaskDefinitions() {}

  /**
   * A source that answers task definitions from {@code tasks} and daemon task definition ARNs from
   * {@code daemons}: what the task lifecycle needs to observe daemon tasks. Only ARNs reach daemon
   * task definitions, so RunTask and CreateService (which resolve families) cannot run them.
   */
  public static TaskDefinitionSource withDaemons(
      TaskDefinitionSource tasks, DaemonTaskDefinitionService daemons) {
    return new TaskDefinitionSource() {
      @Override
      public Optional<TaskDefinition> resolve(Scope scope, String reference) {
        return isDaemonArn(reference) ? byArn(reference) : tasks.resolve(scope, reference);
      }

      @Override
      public Optional<TaskDefinition> byArn(String arn) {
        if (!isDaemonArn(arn)) {
          return tasks.byArn(arn);
        }
        Arn parsed = Arn.parse(arn).orElseThrow();
        return daemons.resolve(parsed.scope(), arn).map(DaemonTaskDefinitions::asTaskDefinition);
      }
    };
  }

  static boolean isDaemonArn(String reference) {
    return Arn.parse(reference)
        .map(a -> a.resourceType().equals("daemon-task-definition"))
        .orElse(false);
  }

  static TaskDefinition asTaskDefinition(DaemonTaskDefinition d) {
    return TaskDefinition.builder()
        .taskDefinitionArn(d.daemonTaskDefinitionArn())
        .family(d.family())
        .revision(d.revision())
        .taskRoleArn(d.taskRoleArn())
        .executionRoleArn(d.executionRoleArn())
        .containerDefinitions(
            d.containerDefinitions().stream().map(DaemonTaskDefinitions::container).toList())
        .volumes(
            d.volumes().stream()
                .map(v -> Volume.builder().name(v.name()).host(v.host()).build())
                .toList())
        .cpu(d.cpu())
        .memory(d.memory())
        .status(d.statusAsString())
        .pidMode(namespace(d.pidModeAsString()))
        .ipcMode("none".equals(d.ipcModeAsString()) ? "none" : namespace(d.ipcModeAsString()))
        .registeredAt(d.registeredAt())
        .registeredBy(d.registeredBy())
        .deregisteredAt(d.deleteRequestedAt())
        .build();
  }

  private static String namespace(String daemonMode) {
    return "shared".equals(daemonMode) ? "host" : null;
  }

  private static ContainerDefinition container(DaemonContainerDefinition c) {
    return ContainerDefinition.builder()
        .name(c.name())
        .image(c.image())
        .memory(c.memory())
        .memoryReservation(c.memoryReservation())
        .repositoryCredentials(c.repositoryCredentials())
        .healthCheck(c.healthCheck())
        .cpu(c.cpu())
        .essential(c.essential())
        .entryPoint(c.hasEntryPoint() ? c.entryPoint() : null)
        .command(c.hasCommand() ? c.command() : null)
        .workingDirectory(c.workingDirectory())
        .environmentFiles(c.hasEnvironmentFiles() ? c.environmentFiles() : null)
        .environment(c.hasEnvironment() ? c.environment() : null)
        .secrets(c.hasSecrets() ? c.secrets() : null)
        .readonlyRootFilesystem(c.readonlyRootFilesystem())
        .mountPoints(c.hasMountPoints() ? c.mountPoints() : null)
        .logConfiguration(c.logConfiguration())
        .firelensConfiguration(c.firelensConfiguration())
        .privileged(c.privileged())
        .user(c.user())
        .ulimits(c.hasUlimits() ? c.ulimits() : null)
        .linuxParameters(linux(c.linuxParameters()))
        .dependsOn(c.hasDependsOn() ? c.dependsOn() : null)
        .startTimeout(c.startTimeout())
        .stopTimeout(c.stopTimeout())
        .systemControls(c.hasSystemControls() ? c.systemControls() : null)
        .interactive(c.interactive())
        .pseudoTerminal(c.pseudoTerminal())
        .restartPolicy(c.restartPolicy())
        .build();
  }

  private static LinuxParameters linux(DaemonLinuxParameters p) {
    if (p == null) {
      return null;
    }
    return LinuxParameters.builder()
        .capabilities(p.capabilities())
        .devices(p.hasDevices() ? p.devices() : null)
        .initProcessEnabled(p.initProcessEnabled())
        .tmpfs(p.hasTmpfs() ? p.tmpfs() : null)
        .build();
  }
}
