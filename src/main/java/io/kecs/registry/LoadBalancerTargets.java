package io.kecs.registry;

import io.kecs.identity.Scope;
import java.util.List;
import java.util.Optional;

/**
 * Elastic Load Balancing target groups as ECS sees them: what a target group ARN names (to validate
 * a service's {@code loadBalancers} as ECS does: the group exists, has a load balancer, and its
 * target type fits the task's network mode), registering and deregistering a task as a target, and
 * the target's health, which ECS takes as the task's health.
 */
public interface LoadBalancerTargets {
  /** The target group an ARN names in {@code scope}, empty when there is no such group. */
  Optional<TargetGroup> find(Scope scope, String targetGroupArn);

  /** Registers a target; a group gone by now, or a target it refuses, is logged and ignored. */
  void register(Scope scope, String targetGroupArn, String id, int port);

  /**
   * Deregisters a target: it drains for the group's deregistration delay, then is gone. One already
   * gone is ignored.
   */
  void deregister(Scope scope, String targetGroupArn, String id, int port);

  /** The target's health as DescribeTargetHealth answers it. */
  Health health(Scope scope, String targetGroupArn, String id, int port);

  /**
   * A target group.
   *
   * @param targetType {@code instance}, {@code ip}, {@code lambda} or {@code alb}
   * @param loadBalancerArns the load balancers whose listeners forward to it
   * @param deregistrationDelaySeconds how long a deregistered target drains
   */
  record TargetGroup(
      String arn,
      String targetType,
      String protocol,
      Integer port,
      List<String> loadBalancerArns,
      int deregistrationDelaySeconds) {}

  /**
   * A target's health: ELBv2's state ({@code initial}, {@code healthy}, {@code unhealthy}, {@code
   * unused}, {@code draining}, {@code unavailable}), reason code and description.
   */
  record Health(String state, String reason, String description) {
    /** The target is not (or no longer) registered: deregistration is over. */
    public boolean notRegistered() {
      return "Target.NotRegistered".equals(reason);
    }

    public boolean draining() {
      return "draining".equals(state);
    }

    public boolean unhealthy() {
      return "unhealthy".equals(state);
    }

    /**
     * Whether ECS may count the task as healthy. A target still in its first health checks is not;
     * one still registering without health checks running ({@code Elb.RegistrationInProgress} in
     * KECS until a data plane checks targets) is not held against the task.
     */
    public boolean passes() {
      return switch (state) {
        case "healthy", "unused", "unavailable" -> true;
        case "initial" -> !"Elb.InitialHealthChecking".equals(reason);
        default -> false;
      };
    }
  }
}
