package io.kecs.ecs.service;

import io.kecs.ecs.common.Names;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The ECS rules for service parameters (CreateService, UpdateService). */
final class ServiceRules {
  private static final Pattern CLIENT_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,36}");

  private ServiceRules() {}

  static void name(String name) {
    Names.requireValidName("Service", name);
  }

  static void desiredCount(Integer count) {
    if (count != null && count < 0) {
      throw new InvalidParameterException("desiredCount can't be less than 0.");
    }
  }

  static void clientToken(String token) {
    if (token != null && !CLIENT_TOKEN.matcher(token).matches()) {
      throw new InvalidParameterException(
          "clientToken may have up to 36 ASCII characters in the range 33-126 inclusive.");
    }
  }

  static void deploymentConfiguration(DeploymentConfiguration c, boolean daemon) {
    if (c == null) {
      return;
    }
    Integer min = c.minimumHealthyPercent();
    Integer max = c.maximumPercent();
    if (min != null && (min < 0 || min > 100)) {
      throw new InvalidParameterException("minimumHealthyPercent must be between 0 and 100.");
    }
    if (max != null && max < 100 && !(max >= 0 && daemon)) {
      throw new InvalidParameterException("maximumPercent must be greater than or equal to 100.");
    }
    if (daemon && max != null && max != 100) {
      throw new InvalidParameterException(
          "The maximumPercent for a service using the DAEMON scheduling strategy must be 100.");
    }
    if (max != null && min != null && max <= min && max != 100) {
      throw new InvalidParameterException(
          "maximumPercent must be greater than minimumHealthyPercent.");
    }
    if (c.bakeTimeInMinutes() != null
        && (c.bakeTimeInMinutes() < 0 || c.bakeTimeInMinutes() > 1440)) {
      throw new InvalidParameterException("bakeTimeInMinutes must be between 0 and 1440.");
    }
  }

  /**
   * Load balancers must name a target group (or classic load balancer) and a mapped container port.
   */
  static void loadBalancers(List<LoadBalancer> loadBalancers, TaskDefinition def, String role) {
    for (LoadBalancer lb : loadBalancers) {
      if (lb.targetGroupArn() == null && lb.loadBalancerName() == null) {
        throw new InvalidParameterException(
            "A load balancer needs either a targetGroupArn or a loadBalancerName.");
      }
      if (lb.containerName() == null || lb.containerPort() == null) {
        throw new InvalidParameterException(
            "A load balancer needs a containerName and a containerPort.");
      }
      if (def != null) {
        ContainerDefinition c =
            def.containerDefinitions().stream()
                .filter(x -> x.name().equals(lb.containerName()))
                .findFirst()
                .orElseThrow(
                    () ->
                        new InvalidParameterException(
                            "The container "
                                + lb.containerName()
                                + " does not exist in the task definition."));
        boolean mapped =
            c.portMappings().stream()
                .map(PortMapping::containerPort)
                .anyMatch(p -> lb.containerPort().equals(p));
        if (!mapped) {
          throw new InvalidParameterException(
              EcsMessages.containerPortNotDefined(lb.containerName(), lb.containerPort()));
        }
      }
    }
    if (role != null && loadBalancers.isEmpty()) {
      throw new InvalidParameterException(
          "You cannot specify an IAM role for services that do not use a load balancer.");
    }
    if (role != null && def != null && "awsvpc".equals(def.networkModeAsString())) {
      throw new InvalidParameterException(
          "You cannot specify an IAM role for services that require a service linked role.");
    }
  }

  static void healthCheckGracePeriod(Integer seconds) {
    if (seconds != null && seconds < 0) {
      throw new InvalidParameterException("healthCheckGracePeriodSeconds must be 0 or more.");
    }
  }

  static void fargatePlacement(String launchType, int constraints, int strategy) {
    if ("FARGATE".equals(launchType) && (constraints > 0 || strategy > 0)) {
      throw new InvalidParameterException("Task placement is not supported for Fargate tasks.");
    }
  }
}
