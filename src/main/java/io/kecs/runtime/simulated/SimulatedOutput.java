package io.kecs.runtime.simulated;

import io.kecs.clock.Scheduler;
import io.kecs.runtime.ContainerOutput;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The output of simulated containers ({@code KECS_SIMULATE_OUTPUT}): line {@code i} is printed
 * {@code i} intervals after the containers started, while the container runs. The times follow from
 * the start alone, so after a KECS restart the same lines get the same times and a reader resuming
 * from its last line neither repeats nor misses one.
 */
final class SimulatedOutput implements ContainerOutput {
  private final Function<String, SimulatedTask> tasks;
  private final Scheduler scheduler;

  SimulatedOutput(Function<String, SimulatedTask> tasks, Scheduler scheduler) {
    this.tasks = tasks;
    this.scheduler = scheduler;
  }

  @Override
  public void follow(String taskArn, String container, Instant since, Consumer<Line> sink)
      throws InterruptedException {
    SimulatedTask task = tasks.apply(taskArn);
    if (task == null || task.startedAt() == null || task.behaviour(container) == null) {
      return;
    }
    SimulatedBehaviour b = task.behaviour(container);
    List<String> lines = b.output();
    Instant start = task.startedAt();
    Duration interval = b.outputInterval();
    long total = lines.size() * b.outputRepeat();
    // Lines before `since` were read already: start at the first one at or after it.
    long first = 0;
    if (since != null && since.isAfter(start) && !interval.isZero()) {
      first = Duration.between(start, since).toNanos() / interval.toNanos();
    }
    for (long i = first; i < total; i++) {
      Instant at = start.plus(interval.multipliedBy(i));
      Duration wait = Duration.between(scheduler.now(), at);
      if (wait.isPositive()) {
        Thread.sleep(wait);
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException();
      }
      if (!task.running(container)) {
        return; // a stopped container prints nothing more
      }
      sink.accept(new Line(at, lines.get((int) (i % lines.size()))));
    }
  }
}
