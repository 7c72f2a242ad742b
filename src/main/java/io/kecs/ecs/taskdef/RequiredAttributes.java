package io.kecs.ecs.taskdef;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Volume;

/**
 * The container instance attributes a task definition requires, derived from the features it uses,
 * as ECS lists them in {@code requiresAttributes} (placement only considers instances that have
 * them). KECS derives this subset:
 *
 * <ul>
 *   <li>Docker Remote API versions: 1.18 for dockerLabels, ulimits, logConfiguration; 1.19 for log
 *       options; 1.21 for memoryReservation; 1.22 for sharedMemorySize and tmpfs; 1.24 for health
 *       checks; 1.25 for initProcessEnabled and Docker volumes;
 *   <li>{@code logging-driver.<driver>} per log driver, {@code execution-role-awslogs} for awslogs
 *       with an execution role;
 *   <li>{@code task-iam-role} (+{@code -network-host} in host mode), {@code task-eni} for awsvpc,
 *       {@code privileged-container}, {@code ecr-auth} and {@code execution-role-ecr-pull} for
 *       Amazon ECR images, {@code private-registry-authentication.secretsmanager};
 *   <li>{@code secrets.ssm|asm.environment-variables} and {@code .bootstrap.log-driver} for
 *       secrets, {@code container-health-check}, {@code container-ordering} for dependsOn and
 *       timeouts, {@code env-files.s3}, {@code firelens.<type>}, {@code efs} / {@code efsAuth},
 *       {@code fsxWindowsFileServer}, {@code aws-appmesh} and {@code container-port-range}.
 * </ul>
 */
final class RequiredAttributes {
  private static final String DOCKER = "com.amazonaws.ecs.capability.docker-remote-api.";
  private static final String CAP = "com.amazonaws.ecs.capability.";
  private static final String ECS_CAP = "ecs.capability.";
  private static final Pattern ECR_IMAGE =
      Pattern.compile("^\\d{12}\\.dkr\\.ecr(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/.*");

  private RequiredAttributes() {}

  static boolean isEcrImage(String image) {
    return ECR_IMAGE.matcher(image).matches();
  }

  static List<Attribute> of(RegisterTaskDefinitionRequest r, NetworkMode mode) {
    Set<String> names = new TreeSet<>();
    boolean execRole = r.executionRoleArn() != null && !r.executionRoleArn().isEmpty();
    if (r.taskRoleArn() != null && !r.taskRoleArn().isEmpty()) {
      names.add(CAP + "task-iam-role");
      if (mode == NetworkMode.HOST) {
        names.add(CAP + "task-iam-role-network-host");
      }
    }
    if (mode == NetworkMode.AWSVPC) {
      names.add(ECS_CAP + "task-eni");
    }
    if (r.proxyConfiguration() != null) {
      names.add(ECS_CAP + "aws-appmesh");
    }
    for (Volume v : r.volumes()) {
      if (v.efsVolumeConfiguration() != null) {
        names.add(ECS_CAP + "efs");
        var auth = v.efsVolumeConfiguration().authorizationConfig();
        if (auth != null && (auth.accessPointId() != null || auth.iam() != null)) {
          names.add(ECS_CAP + "efsAuth");
        }
      }
      if (v.fsxWindowsFileServerVolumeConfiguration() != null) {
        names.add(ECS_CAP + "fsxWindowsFileServer");
      }
      if (v.dockerVolumeConfiguration() != null) {
        names.add(DOCKER + "1.25");
      }
    }
    for (ContainerDefinition c : r.containerDefinitions()) {
      container(c, execRole, names);
    }
    return names.stream().map(n -> Attribute.builder().name(n).build()).toList();
  }

  private static void container(ContainerDefinition c, boolean execRole, Set<String> names) {
    if (!c.dockerLabels().isEmpty() || !c.ulimits().isEmpty()) {
      names.add(DOCKER + "1.18");
    }
    if (c.memoryReservation() != null) {
      names.add(DOCKER + "1.21");
    }
    if (c.healthCheck() != null) {
      names.add(DOCKER + "1.24");
      names.add(ECS_CAP + "container-health-check");
    }
    var linux = c.linuxParameters();
    if (linux != null) {
      if (Boolean.TRUE.equals(linux.initProcessEnabled())) {
        names.add(DOCKER + "1.25");
      }
      if (linux.sharedMemorySize() != null || !linux.tmpfs().isEmpty()) {
        names.add(DOCKER + "1.22");
      }
    }
    if (Boolean.TRUE.equals(c.privileged())) {
      names.add(CAP + "privileged-container");
    }
    if (c.image() != null && isEcrImage(c.image())) {
      names.add(CAP + "ecr-auth");
      if (execRole) {
        names.add(ECS_CAP + "execution-role-ecr-pull");
      }
    }
    if (c.repositoryCredentials() != null) {
      names.add(ECS_CAP + "private-registry-authentication.secretsmanager");
    }
    for (Secret s : c.secrets()) {
      names.add(ECS_CAP + "secrets." + secretStore(s) + ".environment-variables");
    }
    if (!c.dependsOn().isEmpty() || c.startTimeout() != null || c.stopTimeout() != null) {
      names.add(ECS_CAP + "container-ordering");
    }
    if (!c.environmentFiles().isEmpty()) {
      names.add(ECS_CAP + "env-files.s3");
    }
    if (c.firelensConfiguration() != null) {
      names.add(ECS_CAP + "firelens." + c.firelensConfiguration().typeAsString());
    }
    if (c.portMappings().stream().map(PortMapping::containerPortRange).anyMatch(x -> x != null)) {
      names.add(ECS_CAP + "container-port-range");
    }
    logging(c.logConfiguration(), execRole, names);
  }

  private static void logging(LogConfiguration log, boolean execRole, Set<String> names) {
    if (log == null) {
      return;
    }
    names.add(DOCKER + "1.18");
    if (!log.options().isEmpty()) {
      names.add(DOCKER + "1.19");
    }
    names.add(CAP + "logging-driver." + log.logDriverAsString());
    if ("awslogs".equals(log.logDriverAsString()) && execRole) {
      names.add(ECS_CAP + "execution-role-awslogs");
    }
    for (Secret s : log.secretOptions()) {
      names.add(ECS_CAP + "secrets." + secretStore(s) + ".bootstrap.log-driver");
    }
  }

  /** Secrets Manager ARNs are "asm"; anything else (SSM ARN or parameter name) is "ssm". */
  private static String secretStore(Secret s) {
    return s.valueFrom() != null && s.valueFrom().contains(":secretsmanager:") ? "asm" : "ssm";
  }
}
