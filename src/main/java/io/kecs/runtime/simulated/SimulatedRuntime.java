package io.kecs.runtime.simulated;

import io.kecs.clock.Scheduler;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.TaskRuntime;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs tasks without containers, on the scheduler's clock. */
public final class SimulatedRuntime implements TaskRuntime {
  private final Scheduler scheduler;
  private final SimulationTimings timings;
  private final Map<String, SimulatedTask> tasks = new ConcurrentHashMap<>();
  private final AtomicInteger addresses = new AtomicInteger();
  private final SimulatedEcho echo = new SimulatedEcho();
  private volatile ObservationSink sink = o -> {};

  public SimulatedRuntime(Scheduler scheduler, SimulationTimings timings) {
    this.scheduler = scheduler;
    this.timings = timings;
  }

  /** The HTTP echo of running containers' mapped ports. */
  public SimulatedEcho echo() {
    return echo;
  }

  @Override
  public String name() {
    return "simulated";
  }

  @Override
  public void start(ObservationSink sink) {
    this.sink = sink;
  }

  @Override
  public void launch(TaskLaunch launch) {
    SimulatedTask task = track(launch);
    Duration step = timings.step();
    scheduler.schedule(step, task::provision);
    scheduler.schedule(step.multipliedBy(2), task::pull);
    scheduler.schedule(step.multipliedBy(3), task::pulled);
    scheduler.schedule(step.multipliedBy(4), task::run);
  }

  @Override
  public void stop(String taskArn) {
    SimulatedTask task = tasks.get(taskArn);
    if (task != null) {
      task.stopContainers();
    }
  }

  @Override
  public void adopt(Collection<TaskLaunch> live) {
    // Simulated containers exist only in this process: after a restart, tasks that were RUNNING
    // are taken to have kept running and the others start their walk again.
    for (TaskLaunch launch : live) {
      if ("RUNNING".equals(launch.task().lastStatus())) {
        track(launch).resume();
      } else {
        launch(launch);
      }
    }
  }

  /**
   * Forgets every task. Steps already scheduled still report, and the domain drops reports of tasks
   * the store no longer has.
   */
  @Override
  public void reset() {
    tasks.clear();
    echo.clear();
  }

  private SimulatedTask track(TaskLaunch launch) {
    SimulatedTask task = new SimulatedTask(launch, nextAddress(), this);
    tasks.put(launch.taskArn(), task);
    return task;
  }

  void emit(io.kecs.runtime.TaskObservation observation) {
    sink.observe(observation);
  }

  Scheduler scheduler() {
    return scheduler;
  }

  Duration step() {
    return timings.step();
  }

  /** Every container has exited: the resources go one step later, as a pod's sandbox would. */
  void exited(SimulatedTask task) {
    echo.removeTask(task.taskArn());
    scheduler.schedule(
        timings.step(),
        () -> {
          tasks.remove(task.taskArn(), task);
          task.release();
        });
  }

  private String nextAddress() {
    int n = addresses.incrementAndGet();
    return "10.0." + ((n >> 8) & 0xff) + "." + Math.max(1, n & 0xff);
  }

  @Override
  public java.util.Optional<io.kecs.runtime.ContainerOutput> output() {
    return java.util.Optional.of(new SimulatedOutput(tasks::get, scheduler));
  }

  @Override
  public void close() {
    tasks.clear();
    echo.close();
  }
}
