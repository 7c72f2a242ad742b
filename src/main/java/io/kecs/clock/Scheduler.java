package io.kecs.clock;

import java.time.Duration;
import java.time.Instant;

/** The current time and work to run later. Everything time-dependent in KECS goes through it. */
public interface Scheduler {
  /** Now, truncated to milliseconds (what the store and the wire keep). */
  Instant now();

  /** Runs {@code work} once after {@code delay}; a handle cancels it. */
  Cancellable schedule(Duration delay, Runnable work);

  /** Runs {@code work} every {@code period}, first after one period. */
  Cancellable every(Duration period, Runnable work);

  @FunctionalInterface
  interface Cancellable {
    void cancel();
  }
}
