package io.kecs.ecs.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ECS's service throttle ("Amazon ECS service throttle logic"): once {@link #THROTTLE_AFTER} tasks
 * of a service in a row stop without reaching RUNNING, launches wait 1 s, then twice as long after
 * each further such failure, at most 27 minutes. A task reaching RUNNING or a new deployment (new
 * task definition, rollback) returns the service to normal at once. Tasks that stop after RUNNING
 * never throttle (the circuit breaker counts those). In memory: a restart starts unthrottled.
 */
final class LaunchThrottle {
  static final int THROTTLE_AFTER = 3;
  static final Duration MAX_BACKOFF = Duration.ofMinutes(27);

  private record State(int failedStarts, String deploymentId, Instant until) {}

  private final Map<String, State> byService = new ConcurrentHashMap<>();

  /**
   * A task of the service (launched for {@code deploymentId}) stopped without reaching RUNNING.
   *
   * @return how long launches now wait, when this failure throttles the service
   */
  Optional<Duration> failedStart(String serviceArn, String deploymentId, Instant now) {
    State s =
        byService.merge(
            serviceArn,
            new State(1, deploymentId, Instant.EPOCH),
            (old, one) -> new State(old.failedStarts() + 1, deploymentId, old.until()));
    if (s.failedStarts() < THROTTLE_AFTER) {
      return Optional.empty();
    }
    Duration delay = Duration.ofSeconds(1L << Math.min(20, s.failedStarts() - THROTTLE_AFTER));
    if (delay.compareTo(MAX_BACKOFF) > 0) {
      delay = MAX_BACKOFF;
    }
    byService.put(serviceArn, new State(s.failedStarts(), deploymentId, now.plus(delay)));
    return Optional.of(delay);
  }

  /** A task of the service reached RUNNING. */
  void started(String serviceArn) {
    byService.remove(serviceArn);
  }

  /** A new deployment took over: it starts unthrottled. */
  void clear(String serviceArn) {
    byService.remove(serviceArn);
  }

  /** Whether the service may launch now, its PRIMARY deployment being {@code primaryId}. */
  boolean allows(String serviceArn, String primaryId, Instant now) {
    State s = byService.get(serviceArn);
    if (s == null) {
      return true;
    }
    if (primaryId == null || !primaryId.equals(s.deploymentId())) {
      byService.remove(serviceArn);
      return true;
    }
    return !now.isBefore(s.until());
  }
}
