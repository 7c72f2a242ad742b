package io.kecs.elbv2.dataplane;

import java.time.Instant;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/**
 * One target's health-check state: its ELBv2 state and reason, and the run of consecutive results
 * that moves it (healthy after {@code healthyThresholdCount} passes, unhealthy after {@code
 * unhealthyThresholdCount} failures).
 */
record LiveHealth(TargetHealth health, int passes, int failures, Instant nextProbe) {
  static LiveHealth registered(Instant now) {
    return new LiveHealth(
        of(
            TargetHealthStateEnum.INITIAL,
            TargetHealthReasonEnum.ELB_REGISTRATION_IN_PROGRESS,
            "Target registration is in progress"),
        0,
        0,
        now);
  }

  String state() {
    return health.stateAsString();
  }

  /** The state after one probe's result; {@code failure} is null when the probe passed. */
  LiveHealth after(ProbeResult result, int healthyThreshold, int unhealthyThreshold, Instant next) {
    if (result.passed()) {
      int passes = this.passes + 1;
      boolean healthy = state().equals("healthy") || passes >= healthyThreshold;
      return new LiveHealth(
          healthy
              ? TargetHealth.builder().state(TargetHealthStateEnum.HEALTHY).build()
              : state().equals("initial") ? checking() : health,
          passes,
          0,
          next);
    }
    int failures = this.failures + 1;
    boolean unhealthy = state().equals("unhealthy") || failures >= unhealthyThreshold;
    return new LiveHealth(
        unhealthy
            ? of(TargetHealthStateEnum.UNHEALTHY, result.reason(), result.description())
            : state().equals("initial") ? checking() : health,
        0,
        failures,
        next);
  }

  private static TargetHealth checking() {
    return of(
        TargetHealthStateEnum.INITIAL,
        TargetHealthReasonEnum.ELB_INITIAL_HEALTH_CHECKING,
        "Initial health checks in progress");
  }

  static TargetHealth of(
      TargetHealthStateEnum state, TargetHealthReasonEnum reason, String description) {
    return TargetHealth.builder().state(state).reason(reason).description(description).build();
  }
}
