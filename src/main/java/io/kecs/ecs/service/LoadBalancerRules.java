package io.kecs.ecs.service;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Scope;
import io.kecs.registry.LoadBalancerTargets;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The ECS rules for {@code loadBalancers} that need Elastic Load Balancing: the target group
 * exists, a load balancer forwards to it, and its target type fits the task's network mode ({@code
 * ip} for awsvpc, {@code instance} for bridge and host). Without ELBv2 wired (unit tests) only the
 * count is checked. Classic load balancers ({@code loadBalancerName}) are stored as given: KECS
 * serves no classic ELB to check them against.
 */
final class LoadBalancerRules {
  /** ECS's quota of target groups per service. */
  static final int MAX_LOAD_BALANCERS = 5;

  private volatile LoadBalancerTargets targets;

  void connect(LoadBalancerTargets targets) {
    this.targets = targets;
  }

  LoadBalancerTargets targets() {
    return targets;
  }

  void check(Scope scope, List<LoadBalancer> loadBalancers, TaskDefinition def) {
    if (loadBalancers.size() > MAX_LOAD_BALANCERS) {
      throw new InvalidParameterException(
          "loadBalancers can have at most " + MAX_LOAD_BALANCERS + " items.");
    }
    LoadBalancerTargets port = targets;
    if (port == null) {
      return;
    }
    for (LoadBalancer lb : loadBalancers) {
      if (lb.targetGroupArn() == null) {
        continue;
      }
      LoadBalancerTargets.TargetGroup tg =
          port.find(scope, lb.targetGroupArn())
              .orElseThrow(
                  () ->
                      new InvalidParameterException(
                          "Unable to assume role and validate the specified targetGroupArn."
                              + " Please verify that the ECS service role being passed has the"
                              + " proper permissions."));
      if (tg.loadBalancerArns() == null || tg.loadBalancerArns().isEmpty()) {
        throw new InvalidParameterException(
            "The target group with targetGroupArn "
                + tg.arn()
                + " does not have an associated load balancer.");
      }
      if (def != null) {
        String mode = networkMode(def);
        String wanted = "awsvpc".equals(mode) ? "ip" : "instance";
        if (!wanted.equals(tg.targetType())) {
          throw new InvalidParameterException(
              "The provided target group "
                  + tg.arn()
                  + " has target type "
                  + tg.targetType()
                  + ", which is incompatible with the "
                  + mode
                  + " network mode specified in the task definition.");
        }
      }
    }
  }

  /** The network mode tasks of a definition run in: bridge when none is set (EC2's default). */
  static String networkMode(TaskDefinition def) {
    return def.networkModeAsString() == null ? "bridge" : def.networkModeAsString();
  }
}
