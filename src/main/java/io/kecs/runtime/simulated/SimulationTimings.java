package io.kecs.runtime.simulated;

import java.time.Duration;

/**
 * How long each simulated phase takes. One step per phase keeps it simple to reason about: a task
 * is RUNNING about four steps after launch and released about two steps after a stop.
 */
public record SimulationTimings(Duration step) {
  public static final SimulationTimings FAST = new SimulationTimings(Duration.ofMillis(100));
}
