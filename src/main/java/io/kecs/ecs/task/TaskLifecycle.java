package io.kecs.ecs.task;

import io.kecs.clock.Scheduler;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.TaskObservation;
import io.kecs.runtime.TaskRuntime;
import io.kecs.store.ResetGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * The one writer of task state. Creates tasks, applies runtime observations and stop requests
 * through {@link TaskTransitions}, tells listeners, and drives the runtime. Changes to one task are
 * serialised by a lock stripe chosen by its ARN.
 */
public final class TaskLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(TaskLifecycle.class);

  private final TaskStore store;
  private final TaskRuntime runtime;
  private final TaskDefinitionSource definitions;
  private final Scheduler scheduler;
  private final ResetGate gate;
  private final Object[] stripes = new Object[64];
  private final List<TaskListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<List<String>>> forgetListeners = new CopyOnWriteArrayList<>();
  private volatile java.util.function.Predicate<Task> deactivates = t -> false;

  public TaskLifecycle(
      TaskStore store,
      TaskRuntime runtime,
      TaskDefinitionSource definitions,
      Scheduler scheduler,
      ResetGate gate) {
    this.gate = gate;
    this.store = store;
    this.runtime = runtime;
    this.definitions = definitions;
    this.scheduler = scheduler;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
  }

  public void addListener(TaskListener listener) {
    listeners.add(listener);
  }

  /** Told of task ARNs forgotten after their retention, so what hangs off them goes too. */
  public void addForgetListener(Consumer<List<String>> listener) {
    forgetListeners.add(listener);
  }

  /**
   * Which running tasks must pass through DEACTIVATING when asked to stop (ECS deregisters a load
   * balanced task from its target groups there); such a task stops only once {@link #deactivated}
   * is called for it.
   */
  public void deactivateBeforeStop(java.util.function.Predicate<Task> rule) {
    this.deactivates = rule;
  }

  /**
   * Starts observing, hands the runtime the tasks the store says are live, and schedules the
   * removal of STOPPED tasks older than {@code retention}.
   */
  public void start(Duration retention) {
    // Informers report outside any request or scheduled job: keep them apart from resets too.
    runtime.start(o -> gate.shared(() -> observe(o)));
    List<TaskLaunch> live = new ArrayList<>();
    List<String> stopping = new ArrayList<>();
    for (Task t : store.all()) {
      if (TaskTransitions.isStopped(t)) {
        continue;
      }
      definitions.byArn(t.taskDefinitionArn()).ifPresent(d -> live.add(new TaskLaunch(t, d)));
      // DEACTIVATING tasks stop once whoever deactivates them (deregistration) is done.
      if ("STOPPED".equals(t.desiredStatus()) && !"DEACTIVATING".equals(t.lastStatus())) {
        stopping.add(t.taskArn());
      }
    }
    runtime.adopt(live);
    stopping.forEach(runtime::stop);
    scheduler.every(
        Duration.ofMinutes(1).compareTo(retention) < 0 ? Duration.ofMinutes(1) : retention,
        () -> forgetStoppedBefore(scheduler.now().minus(retention)));
  }

  /** Saves new tasks and launches them. */
  public void create(List<Task> tasks, TaskDefinition definition) {
    Map<String, Task> byArn = new LinkedHashMap<>();
    tasks.forEach(t -> byArn.put(t.taskArn(), t));
    store.putAll(byArn);
    for (Task t : tasks) {
      notify(null, t);
      runtime.launch(new TaskLaunch(t, definition));
    }
  }

  /**
   * Saves a task the runtime already runs (one its workload started for a service): the same as
   * {@link #create} but nothing is launched. A task already known is left as it is.
   */
  public void discovered(Task task) {
    synchronized (stripe(task.taskArn())) {
      if (store.get(task.taskArn()).isPresent()) {
        return;
      }
      store.put(task);
      notify(null, task);
    }
  }

  /** Asks a task to stop; answers the task as it now is. */
  public Task requestStop(String taskArn, String stopCode, String reason) {
    Task after;
    synchronized (stripe(taskArn)) {
      Task before = store.get(taskArn).orElseThrow();
      after = TaskTransitions.stopRequested(before, stopCode, reason, scheduler.now());
      if (after == before) {
        return before;
      }
      boolean deactivate = "STOPPING".equals(after.lastStatus()) && deactivates.test(before);
      if (deactivate) {
        after = after.toBuilder().lastStatus("DEACTIVATING").build();
      }
      store.put(after);
      notify(before, after);
      if (deactivate) {
        return after;
      }
    }
    runtime.stop(taskArn);
    return after;
  }

  /** A DEACTIVATING task is done deactivating: it goes on to STOPPING and the runtime stops it. */
  public void deactivated(String taskArn) {
    synchronized (stripe(taskArn)) {
      Task before = store.get(taskArn).orElse(null);
      if (before == null || !"DEACTIVATING".equals(before.lastStatus())) {
        return;
      }
      Task after =
          before.toBuilder()
              .lastStatus("STOPPING")
              .version(before.version() == null ? 1L : before.version() + 1)
              .build();
      store.put(after);
      notify(before, after);
    }
    runtime.stop(taskArn);
  }

  void observe(TaskObservation observation) {
    boolean stopRuntime;
    synchronized (stripe(observation.taskArn())) {
      Task before = store.get(observation.taskArn()).orElse(null);
      if (before == null) {
        return; // forgotten (retention, reset) while the runtime still had it
      }
      TaskDefinition def = definitions.byArn(before.taskDefinitionArn()).orElse(null);
      if (def == null) {
        LOG.warn("Task {} runs a task definition that no longer exists", before.taskArn());
        return;
      }
      TaskTransitions.Outcome outcome = TaskTransitions.observed(before, def, observation);
      if (outcome.task() == before) {
        return;
      }
      store.put(outcome.task());
      notify(before, outcome.task());
      stopRuntime = outcome.stopRuntime();
    }
    if (stopRuntime) {
      runtime.stop(observation.taskArn());
    }
  }

  private void forgetStoppedBefore(java.time.Instant cutoff) {
    List<String> old =
        store.all().stream()
            .filter(
                t ->
                    TaskTransitions.isStopped(t)
                        && t.stoppedAt() != null
                        && t.stoppedAt().isBefore(cutoff))
            .map(Task::taskArn)
            .toList();
    if (!old.isEmpty()) {
      store.delete(old);
      forgetListeners.forEach(l -> l.accept(old));
    }
  }

  private void notify(Task before, Task after) {
    for (TaskListener l : listeners) {
      try {
        l.taskChanged(before, after);
      } catch (RuntimeException e) {
        LOG.error("Task listener failed for {}", after.taskArn(), e);
      }
    }
  }

  private Object stripe(String taskArn) {
    return stripes[Math.floorMod(taskArn.hashCode(), stripes.length)];
  }
}
