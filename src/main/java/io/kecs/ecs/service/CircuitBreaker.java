package io.kecs.ecs.service;

import software.amazon.awssdk.services.ecs.model.DeploymentCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The deployment circuit breaker: a deployment fails once {@code 0.5 * desiredCount} of its tasks
 * (at least 3, at most 200) have failed. A task fails when it stops without ECS or a user asking it
 * to: it could not start, or an essential container exited.
 */
final class CircuitBreaker {
  static final int MIN_THRESHOLD = 3;
  static final int MAX_THRESHOLD = 200;

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

  /** Whether a task that just stopped counts as a failure of its deployment. */
  static boolean isFailure(Task stopped) {
    String code = stopped.stopCodeAsString();
    return "TaskFailedToStart".equals(code) || "EssentialContainerExited".equals(code);
  }

  private static DeploymentCircuitBreaker breaker(Service s) {
    return s.deploymentConfiguration() == null
        ? null
        : s.deploymentConfiguration().deploymentCircuitBreaker();
  }
}
