package io.kecs.store;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Keeps {@code POST /_kecs/reset} apart from everything else that reads and writes state: API
 * calls, runtime observations and scheduler rounds pass through in shared mode, a reset waits for
 * them and holds everyone else off until it is done. Without it, work that read a record before a
 * reset could write it back after, and a wiped task would come back.
 */
public final class ResetGate {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  public <T> T shared(Supplier<T> work) {
    lock.readLock().lock();
    try {
      return work.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  public void shared(Runnable work) {
    lock.readLock().lock();
    try {
      work.run();
    } finally {
      lock.readLock().unlock();
    }
  }

  void exclusive(Runnable work) {
    lock.writeLock().lock();
    try {
      work.run();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
