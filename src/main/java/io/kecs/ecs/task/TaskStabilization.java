package io.kecs.ecs.task;

import io.kecs.clock.Scheduler;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS's stabilisation window: a service task counts toward its deployment's completion and the
 * service's steady state only once it has stayed RUNNING (and healthy) for this long; ECS waits 40
 * seconds. A task that stops inside the window never stabilised, which the deployment circuit
 * breaker counts as a failure. Configurable ({@code --task-stabilization}) so tests can wait less,
 * never skipped.
 */
public final class TaskStabilization {
  /** What ECS waits after RUNNING before it counts a task. */
  public static final Duration ECS_WINDOW = Duration.ofSeconds(40);

  private final Scheduler clock;
  private volatile Duration window = ECS_WINDOW;

  public TaskStabilization(Scheduler clock) {
    this.clock = clock;
  }

  public Duration window() {
    return window;
  }

  public void window(Duration value) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException("the stabilisation window must be 0 or more");
    }
    window = value;
  }

  /** Whether a task has been RUNNING since at least the window ago. */
  public boolean stable(Task t) {
    Instant started = t.startedAt();
    return started != null && !clock.now().isBefore(started.plus(window));
  }

  /** Whether a stopped task had run through the window before it stopped. */
  public boolean ranThrough(Task stopped) {
    Instant started = stopped.startedAt();
    Instant end = stopped.stoppingAt() != null ? stopped.stoppingAt() : stopped.stoppedAt();
    return started != null && end != null && !end.isBefore(started.plus(window));
  }
}
