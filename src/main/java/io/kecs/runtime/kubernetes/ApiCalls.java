package io.kecs.runtime.kubernetes;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Where the runtime's API calls run: each on a virtual thread, so launches and stops return at
 * once, but at most {@link #MAX_IN_FLIGHT} at a time. Without a bound, a burst of RunTasks opens a
 * connection per pod and the API server (or the mock) refuses some (seen at 1,000 at once);
 * client-go bounds its clients the same way.
 */
final class ApiCalls implements Executor, AutoCloseable {
  static final int MAX_IN_FLIGHT = 32;

  private final ExecutorService threads =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("kecs-k8s-", 0).factory());
  private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT, true);

  @Override
  public void execute(Runnable call) {
    threads.execute(
        () -> {
          slots.acquireUninterruptibly();
          try {
            call.run();
          } finally {
            slots.release();
          }
        });
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
