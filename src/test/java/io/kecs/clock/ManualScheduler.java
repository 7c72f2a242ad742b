package io.kecs.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/** A clock that moves only when a test says so; due work runs in the test's thread, in order. */
public final class ManualScheduler implements Scheduler {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private long sequence;
  private final PriorityQueue<Job> queue =
      new PriorityQueue<>(
          (a, b) -> a.due.equals(b.due) ? Long.compare(a.seq, b.seq) : a.due.compareTo(b.due));

  private final class Job {
    final Instant due;
    final long seq = sequence++;
    final Runnable work;
    final Duration period;
    final AtomicBoolean cancelled;

    Job(Instant due, Runnable work, Duration period, AtomicBoolean cancelled) {
      this.due = due;
      this.work = work;
      this.period = period;
      this.cancelled = cancelled;
    }
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable work) {
    AtomicBoolean cancelled = new AtomicBoolean();
    queue.add(new Job(now.plus(delay), work, null, cancelled));
    return () -> cancelled.set(true);
  }

  @Override
  public synchronized Cancellable every(Duration period, Runnable work) {
    AtomicBoolean cancelled = new AtomicBoolean();
    queue.add(new Job(now.plus(period), work, period, cancelled));
    return () -> cancelled.set(true);
  }

  /** Moves time forward, running everything that falls due on the way. */
  public void advance(Duration by) {
    Instant target;
    synchronized (this) {
      target = now.plus(by);
    }
    while (true) {
      Job next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.due.isAfter(target)) {
          now = target;
          return;
        }
        queue.poll();
        now = next.due;
      }
      if (!next.cancelled.get()) {
        next.work.run();
        if (next.period != null) {
          synchronized (this) {
            queue.add(new Job(now.plus(next.period), next.work, next.period, next.cancelled));
          }
        }
      }
    }
  }
}
