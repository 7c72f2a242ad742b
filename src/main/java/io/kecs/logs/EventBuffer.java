package io.kecs.logs;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The events read from a container and not yet shipped, bounded in bytes. In blocking mode a full
 * buffer makes the reader wait (the container's output is then read no further until shipping
 * catches up); in non-blocking mode an event that does not fit is dropped and counted, as the
 * driver drops what its ring buffer cannot hold.
 */
final class EventBuffer {
  private final long capacity;
  private final boolean dropWhenFull;
  private final ArrayDeque<LogEvent> events = new ArrayDeque<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private long bytes;
  private long dropped;
  private boolean ended;

  EventBuffer(long capacity, boolean dropWhenFull) {
    this.capacity = capacity;
    this.dropWhenFull = dropWhenFull;
  }

  /** Adds {@code e}; in blocking mode waits for room, in non-blocking mode drops it when full. */
  void put(LogEvent e) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      while (!events.isEmpty() && bytes + e.size() > capacity) {
        if (dropWhenFull) {
          dropped++;
          return;
        }
        notFull.await();
      }
      events.addLast(e);
      bytes += e.size();
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** No more events will come. */
  void end() {
    lock.lock();
    try {
      ended = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code wait} for an event, then moves as many as fit into {@code batch} without
   * waiting further (what arrives while a batch is being sent makes the next one larger).
   */
  void drainInto(EventBatch batch, Duration wait) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long nanos = wait.toNanos();
      while (events.isEmpty() && !ended && nanos > 0) {
        nanos = notEmpty.awaitNanos(nanos);
      }
      while (!events.isEmpty() && batch.add(events.peekFirst())) {
        bytes -= events.pollFirst().size();
      }
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the output ended and every event was taken. */
  boolean finished() {
    lock.lock();
    try {
      return ended && events.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }
}
