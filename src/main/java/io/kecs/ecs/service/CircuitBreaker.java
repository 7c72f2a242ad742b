package io.kecs.ecs.service;

import io.kecs.ecs.task.TaskStabilization;
import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The deployment circuit breaker: a deployment fails once {@code 0.5 * desiredCount} of its tasks
 * (at least 3, at most 200) have failed, counting ECS's two stages ({@link #isFailure}).
 */
final class CircuitBreaker {
  static final int MIN_THRESHOLD = 3;
  static final int MAX_THRESHOLD = 200;

  /** Why the scheduler stops a task whose container health check failed. */
  static final String UNHEALTHY_REASON = "Task failed container health checks";

  /** How the stopped reason of a task whose load balancer target was unhealthy begins. */
  static final String ELB_UNHEALTHY_REASON = "Task failed ELB health checks";

  private CircuitBreaker() {}

  static int threshold(Integer desiredCount) {
    int half = (int) Math.ceil((desiredCount == null ? 0 : desiredCount) * 0.5);
    return Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, half));
  }

  static boolean enabled(Service s) {
    DeploymentCircuitBreaker b = breaker(s);
    return b != null && Boolean.TRUE.equals(b.enable());
  }

  static boolean rollback(Service s) {
    DeploymentCircuitBreaker b = breaker(s);
    return b != null && Boolean.TRUE.equals(b.rollback());
  }

  /**
   * Whether a task that just stopped counts as a failure of its deployment, in either of ECS's two
   * stages. Stage 1 (the task never reached RUNNING): it failed to start, or an essential container
   * exited before RUNNING. Stage 2 (it ran): it was replaced for failing its container health
   * checks, or an essential container exited before the task had stayed RUNNING for the
   * stabilisation window, so it never became a healthy task of the deployment, or it was stopped
   * for failing its load balancer's health checks.
   */
  static boolean isFailure(Task stopped, TaskStabilization stabilization) {
    if (failedToStart(stopped)) {
      return true;
    }
    if (UNHEALTHY_REASON.equals(stopped.stoppedReason())
        || (stopped.stoppedReason() != null
            && stopped.stoppedReason().startsWith(ELB_UNHEALTHY_REASON))) {
      return true;
    }
    return "EssentialContainerExited".equals(stopped.stopCodeAsString())
        && !stabilization.ranThrough(stopped);
  }

  /** Stage 1: a task that stopped on its own without ever reaching RUNNING. */
  static boolean failedToStart(Task stopped) {
    String code = stopped.stopCodeAsString();
    return stopped.startedAt() == null
        && ("TaskFailedToStart".equals(code) || "EssentialContainerExited".equals(code));
  }

  private static DeploymentCircuitBreaker breaker(Service s) {
    return s.deploymentConfiguration() == null
        ? null
        : s.deploymentConfiguration().deploymentCircuitBreaker();
  }
}
