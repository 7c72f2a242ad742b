package io.kecs.clock;

import io.kecs.store.ResetGate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wall-clock time and a small scheduled pool. Work runs on virtual threads so a slow store write
 * (or a reset in progress) never holds up the timers.
 */
public final class RealTimeScheduler implements Scheduler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RealTimeScheduler.class);

  private final ResetGate gate;

  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "kecs-timers");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param gate keeps every piece of scheduled work apart from a state reset
   */
  public RealTimeScheduler(ResetGate gate) {
    this.gate = gate;
  }

  @Override
  public Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable work) {
    ScheduledFuture<?> f =
        timers.schedule(() -> runDetached(work), delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public Cancellable every(Duration period, Runnable work) {
    ScheduledFuture<?> f =
        timers.scheduleWithFixedDelay(
            () -> runDetached(work), period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  private void runDetached(Runnable work) {
    Thread.ofVirtual().name("kecs-scheduled").start(() -> runSafely(work));
  }

  private void runSafely(Runnable work) {
    try {
      gate.shared(work);
    } catch (RuntimeException e) {
      LOG.error("Scheduled work failed", e);
    }
  }

  @Override
  public void close() {
    timers.shutdownNow();
  }
}
