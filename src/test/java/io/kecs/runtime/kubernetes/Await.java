package io.kecs.runtime.kubernetes;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one polling loop of the Kubernetes tests: KECS and the mock API server act on their own
 * threads, so a test waits (every 50 ms, up to 15 s) for what it expects rather than sleeping.
 */
public final class Await {
  static final Duration LIMIT = Duration.ofSeconds(15);

  private Await() {}

  /** Waits until {@code condition} holds. */
  public static void until(BooleanSupplier condition) throws InterruptedException {
    value(() -> condition.getAsBoolean() ? Boolean.TRUE : null, () -> "condition never held");
  }

  /**
   * Waits until {@code probe} gives a value other than null and returns it.
   *
   * @param failure what the assertion error says when time runs out (the last state seen, ...)
   */
  public static <T> T value(Supplier<T> probe, Supplier<String> failure)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(LIMIT);
    T found = probe.get();
    while (found == null) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(failure.get());
      }
      Thread.sleep(50);
      found = probe.get();
    }
    return found;
  }
}
