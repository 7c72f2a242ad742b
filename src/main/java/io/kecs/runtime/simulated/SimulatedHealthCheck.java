package io.kecs.runtime.simulated;

import java.time.Duration;
import software.amazon.awssdk.services.ecs.model.HealthCheck;

/**
 * When a simulated container's health check settles, following the check's own timing as Docker
 * runs it: the first check {@code interval} seconds after start, the next {@code interval} after
 * each one ends; a passing check makes the container HEALTHY; a failing one (simulated as a check
 * that hangs until its {@code timeout}) counts only once {@code startPeriod} is over, and {@code
 * retries} counted failures in a row make it UNHEALTHY. Simulated time is compressed like every
 * other phase: one second of the check's timing lasts one simulation step.
 */
record SimulatedHealthCheck(int interval, int timeout, int retries, int startPeriod) {
  // Docker's defaults, which ECS also applies.
  static final int DEFAULT_INTERVAL = 30;
  static final int DEFAULT_TIMEOUT = 5;
  static final int DEFAULT_RETRIES = 3;

  static SimulatedHealthCheck of(HealthCheck h) {
    return new SimulatedHealthCheck(
        h.interval() == null ? DEFAULT_INTERVAL : h.interval(),
        h.timeout() == null ? DEFAULT_TIMEOUT : h.timeout(),
        h.retries() == null ? DEFAULT_RETRIES : h.retries(),
        h.startPeriod() == null ? 0 : h.startPeriod());
  }

  /** When a passing check first reports, in check seconds after the container started. */
  int healthyAfterSeconds() {
    return interval;
  }

  /** When the {@code retries}-th counted failing check ends, in check seconds after start. */
  int unhealthyAfterSeconds() {
    int counted = 0;
    int at = 0;
    // Bounded: every round moves at least one second, and counting starts by startPeriod.
    while (true) {
      int start = at + interval;
      int end = start + timeout;
      at = end;
      if (start >= startPeriod && ++counted >= Math.max(1, retries)) {
        return end;
      }
    }
  }

  static Duration scaled(int checkSeconds, Duration step) {
    return step.multipliedBy(Math.max(1, checkSeconds));
  }
}
