package io.kecs.ecs.service;

import io.kecs.ecs.error.InvalidParameterException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;

/**
 * The ECS rules for task sets: which services have them, scale, limits, load balancers, deletion,
 * and what UpdateService may still change on a service whose tasks task sets run.
 */
final class TaskSetRules {
  /** ECS keeps at most five task sets (it calls them deployments here) per service. */
  static final int MAX_TASK_SETS = 5;

  static final String NOT_EXTERNAL =
      "Amazon ECS only supports task set management on services configured to use external"
          + " deployment controllers.";

  private TaskSetRules() {}

  /** Whether a service runs task sets rather than ECS deployments. */
  static boolean runsTaskSets(Service s) {
    return !"ECS".equals(ServiceScheduler.controllerOf(s));
  }

  /** DescribeTaskSets: services of the EXTERNAL and CODE_DEPLOY controllers have task sets. */
  static void readable(Service s) {
    if (!runsTaskSets(s)) {
      throw new InvalidParameterException(NOT_EXTERNAL);
    }
  }

  /**
   * Create, update, delete and primary switch: only EXTERNAL services. CodeDeploy manages the task
   * sets of CODE_DEPLOY services itself; KECS has no CodeDeploy, so nobody else may change them.
   */
  static void managed(Service s) {
    readable(s);
    if ("CODE_DEPLOY".equals(ServiceScheduler.controllerOf(s))) {
      throw new InvalidParameterException(
          "Unable to manage task sets of services with a CODE_DEPLOY deployment controller. Use"
              + " AWS CodeDeploy to trigger a new deployment.");
    }
  }

  /**
   * The scale a request asks for, with ECS's defaults: PERCENT, and 0 when no scale is given (what
   * ECS answers for a CreateTaskSet without one) or it has no value.
   */
  static Scale scale(Scale given) {
    double value = given == null || given.value() == null ? 0.0 : given.value();
    if (!(value >= 0.0 && value <= 100.0)) {
      throw new InvalidParameterException(
          "The scale value must be between 0 and 100, but was " + value + ".");
    }
    return Scale.builder().value(value).unit("PERCENT").build();
  }

  /** ceil(desiredCount * scale% / 100), in decimal so 10 x 30% is 3, not 4. */
  static int computedDesiredCount(Integer desiredCount, Scale scale) {
    if (desiredCount == null || desiredCount <= 0 || scale == null || scale.value() == null) {
      return 0;
    }
    return BigDecimal.valueOf(scale.value())
        .multiply(BigDecimal.valueOf(desiredCount))
        .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING)
        .intValueExact();
  }

  static void room(Service s) {
    int existing = s.taskSets().size();
    if (existing >= MAX_TASK_SETS) {
      throw new InvalidParameterException(
          existing
              + " deployments exist on the service. Unable to create new TaskSet since this"
              + " exceeds the maximum limit.");
    }
  }

  /** One Application or Network Load Balancer target group, on a mapped container port. */
  static void loadBalancers(List<LoadBalancer> loadBalancers, TaskDefinition def) {
    if (loadBalancers.size() > 1) {
      throw new InvalidParameterException("A task set can use only one load balancer.");
    }
    for (LoadBalancer lb : loadBalancers) {
      if (lb.targetGroupArn() == null) {
        throw new InvalidParameterException(
            "Task sets support only Application Load Balancers and Network Load Balancers: a"
                + " targetGroupArn is required.");
      }
    }
    ServiceRules.loadBalancers(loadBalancers, def, null);
  }

  /** The primary task set and a task set still scaled above 0 go only with force. */
  static void deletable(TaskSet ts, boolean force) {
    if (force) {
      return;
    }
    if ("PRIMARY".equals(ts.status())) {
      throw new InvalidParameterException("Primary TaskSet cannot be deleted");
    }
    if (ts.scale() != null && ts.scale().value() != null && ts.scale().value() > 0) {
      throw new InvalidParameterException(
          "The task set cannot be deleted while it is scaled above 0. Update its scale to 0, or"
              + " delete it with force.");
    }
  }

  /**
   * What UpdateService may not change on an EXTERNAL or CODE_DEPLOY service: what a task set (or a
   * CodeDeploy deployment) carries.
   */
  static void serviceUpdate(Service s, UpdateServiceRequest r) {
    if (!runsTaskSets(s)) {
      return;
    }
    String controller = ServiceScheduler.controllerOf(s);
    List<String> refused = new ArrayList<>();
    if (r.taskDefinition() != null) {
      refused.add("task definition");
    }
    if (r.networkConfiguration() != null) {
      refused.add("network configuration");
    }
    if (r.platformVersion() != null) {
      refused.add("platform version");
    }
    if (r.hasLoadBalancers()) {
      refused.add("load balancers");
    }
    if (r.hasCapacityProviderStrategy()) {
      refused.add("capacity provider strategy");
    }
    if (r.hasServiceRegistries()) {
      refused.add("service registries");
    }
    if (r.serviceConnectConfiguration() != null) {
      refused.add("Service Connect configuration");
    }
    if (r.hasVolumeConfigurations()) {
      refused.add("volume configurations");
    }
    if (Boolean.TRUE.equals(r.forceNewDeployment())) {
      refused.add("deployment (forceNewDeployment)");
    }
    if (!refused.isEmpty()) {
      throw new InvalidParameterException(
          "Unable to update "
              + refused.get(0)
              + " on services with a "
              + controller
              + " deployment controller. "
              + ("CODE_DEPLOY".equals(controller)
                  ? "Use AWS CodeDeploy to trigger a new deployment."
                  : "Use CreateTaskSet to create a new task set."));
    }
  }
}
