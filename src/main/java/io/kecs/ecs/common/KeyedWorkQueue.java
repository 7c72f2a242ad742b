package io.kecs.ecs.common;

import io.kecs.store.ResetGate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A work queue keyed by resource id: asking for work on a key already waiting does nothing, and one
 * worker handles keys one at a time, so work on one resource never overlaps (the controller pattern
 * of the Java Operator SDK).
 */
public final class KeyedWorkQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KeyedWorkQueue.class);

  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private final Thread worker;

  /**
   * @param gate keeps each piece of work apart from a state reset
   */
  public KeyedWorkQueue(String name, ResetGate gate, Consumer<String> work) {
    this.worker =
        Thread.ofVirtual()
            .name(name)
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    String key;
                    try {
                      key = queue.take();
                    } catch (InterruptedException e) {
                      return;
                    }
                    waiting.remove(key);
                    try {
                      gate.shared(() -> work.accept(key));
                    } catch (RuntimeException e) {
                      LOG.error("{}: work on {} failed", name, key, e);
                    }
                  }
                });
  }

  public void add(String key) {
    if (waiting.add(key)) {
      queue.add(key);
    }
  }

  /** Whether nothing is waiting (tests and benchmarks wait for quiet). */
  public boolean idle() {
    return waiting.isEmpty();
  }

  @Override
  public void close() {
    worker.interrupt();
  }
}
