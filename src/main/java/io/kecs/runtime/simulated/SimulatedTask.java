package io.kecs.runtime.simulated;

import io.kecs.runtime.RuntimeFailure;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.TaskObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation.Health;
import io.kecs.runtime.TaskObservation.ContainerObservation.State;
import io.kecs.runtime.TaskPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** One simulated task: its phase and containers, moved by the runtime's scheduled steps. */
final class SimulatedTask {
  private final TaskLaunch launch;
  private final String privateIp;
  private final SimulatedRuntime runtime;
  private final Map<String, SimulatedBehaviour> behaviour = new LinkedHashMap<>();
  private final Map<String, ContainerObservation> containers = new LinkedHashMap<>();
  private TaskPhase phase;
  private RuntimeFailure failure;
  private volatile java.time.Instant startedAt;

  SimulatedTask(TaskLaunch launch, String privateIp, SimulatedRuntime runtime) {
    this.launch = launch;
    this.privateIp = privateIp;
    this.runtime = runtime;
    launch
        .definition()
        .containerDefinitions()
        .forEach(
            def -> {
              behaviour.put(def.name(), SimulatedBehaviour.of(def, launch.task()));
              containers.put(
                  def.name(), container(def.name(), State.PENDING, null, null, Health.UNKNOWN));
            });
  }

  String taskArn() {
    return launch.taskArn();
  }

  synchronized void provision() {
    advance(TaskPhase.PROVISIONED);
  }

  synchronized void pull() {
    advance(TaskPhase.PULLING);
  }

  synchronized void pulled() {
    if (ended() || reached(TaskPhase.PULLED)) {
      return;
    }
    for (SimulatedBehaviour b : behaviour.values()) {
      if (b.pullError() != null) {
        failure = new RuntimeFailure(RuntimeFailure.Kind.IMAGE_PULL, b.pullError());
        containers.replaceAll(
            (name, c) -> container(name, State.STOPPED, null, failure, Health.UNKNOWN));
        phase = TaskPhase.EXITED;
        emit();
        runtime.exited(this);
        return;
      }
    }
    advance(TaskPhase.PULLED);
  }

  /**
   * The last scheduled step. Steps run on their own (virtual) threads, so under load this one can
   * come before the pull finished: the pull then completes first (it may still fail), and no step
   * ever moves the task backwards.
   */
  synchronized void run() {
    if (!reached(TaskPhase.PULLED)) {
      pulled();
    }
    if (ended() || reached(TaskPhase.RUNNING)) {
      return;
    }
    resume();
  }

  /** Runs the containers: a new task's last step, or a RUNNING task adopted after a restart. */
  synchronized void resume() {
    if (ended()) {
      return;
    }
    containers.replaceAll((name, c) -> container(name, State.RUNNING, null, null, Health.UNKNOWN));
    phase = TaskPhase.RUNNING;
    // The task's startedAt is this report's time, kept in milliseconds; an adopted task keeps its
    // first start, so its output keeps its times across a KECS restart (SimulatedOutput).
    java.time.Instant before = launch.task().startedAt();
    startedAt =
        before != null
            ? before
            : runtime.scheduler().now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    emit(before != null ? runtime.scheduler().now() : startedAt);
    answerHttp();
    Duration step = runtime.step();
    for (SimulatedBehaviour b : behaviour.values()) {
      SimulatedHealthCheck check = b.healthCheck();
      if (check != null) {
        Duration settles =
            SimulatedHealthCheck.scaled(
                b.unhealthy() ? check.unhealthyAfterSeconds() : check.healthyAfterSeconds(), step);
        runtime
            .scheduler()
            .schedule(
                settles, () -> health(b.name(), b.unhealthy() ? Health.UNHEALTHY : Health.HEALTHY));
      }
      if (b.exitCode() != null) {
        Duration after = b.runFor().compareTo(step) < 0 ? step : b.runFor();
        runtime.scheduler().schedule(after, () -> exit(b.name(), b.exitCode()));
      }
    }
  }

  /** When the containers started running; null before. */
  java.time.Instant startedAt() {
    return startedAt;
  }

  SimulatedBehaviour behaviour(String container) {
    return behaviour.get(container);
  }

  /** Whether {@code container} is running now. */
  synchronized boolean running(String container) {
    ContainerObservation c = containers.get(container);
    return phase == TaskPhase.RUNNING && c != null && c.state() == State.RUNNING;
  }

  /** Every mapped port of every container answers HTTP through the runtime's echo. */
  private void answerHttp() {
    java.time.Instant now = java.time.Instant.now();
    for (var def : launch.definition().containerDefinitions()) {
      SimulatedBehaviour b = behaviour.get(def.name());
      java.util.Set<Integer> ports = new java.util.TreeSet<>();
      for (var p : def.portMappings()) {
        if (p.containerPort() != null) {
          ports.add(p.containerPort());
        }
        if (p.hostPort() != null && p.hostPort() != 0) {
          ports.add(p.hostPort());
        }
      }
      for (int port : ports) {
        runtime
            .echo()
            .add(
                new SimulatedEcho.Endpoint(
                    launch.taskArn(),
                    def.name(),
                    privateIp,
                    port,
                    b.httpStatus(),
                    b.httpStatusAfter().isZero() ? null : now.plus(b.httpStatusAfter())));
      }
    }
  }

  synchronized void stopContainers() {
    if (ended()) {
      return;
    }
    boolean started = phase == TaskPhase.RUNNING;
    containers.replaceAll(
        (name, c) ->
            c.state() == State.STOPPED
                ? c
                : container(
                    name,
                    State.STOPPED,
                    started ? behaviour.get(name).stopExitCode() : null,
                    null,
                    c.health()));
    phase = TaskPhase.EXITED;
    emit();
    runtime.exited(this);
  }

  synchronized void release() {
    phase = TaskPhase.RELEASED;
    emit();
  }

  private synchronized void health(String name, Health health) {
    ContainerObservation c = containers.get(name);
    if (phase == TaskPhase.RUNNING && c.state() == State.RUNNING) {
      containers.put(name, container(name, State.RUNNING, null, null, health));
      emit();
    }
  }

  private synchronized void exit(String name, int code) {
    ContainerObservation c = containers.get(name);
    if (phase != TaskPhase.RUNNING || c.state() != State.RUNNING) {
      return;
    }
    containers.put(name, container(name, State.STOPPED, code, null, c.health()));
    if (containers.values().stream().allMatch(o -> o.state() == State.STOPPED)) {
      phase = TaskPhase.EXITED;
      emit();
      runtime.exited(this);
    } else {
      emit();
    }
  }

  private void advance(TaskPhase next) {
    if (!ended() && !reached(next)) {
      phase = next;
      emit();
    }
  }

  private boolean reached(TaskPhase p) {
    return phase != null && phase.compareTo(p) >= 0;
  }

  private boolean ended() {
    return phase == TaskPhase.EXITED || phase == TaskPhase.RELEASED;
  }

  private void emit() {
    emit(runtime.scheduler().now());
  }

  private void emit(java.time.Instant at) {
    runtime.emit(
        new TaskObservation(
            launch.taskArn(),
            phase,
            at,
            List.copyOf(new ArrayList<>(containers.values())),
            phase == TaskPhase.RELEASED ? null : privateIp,
            failure));
  }

  private ContainerObservation container(
      String name, State state, Integer exitCode, RuntimeFailure failure, Health health) {
    ContainerObservation previous = containers.get(name);
    String runtimeId =
        previous != null && previous.runtimeId() != null
            ? previous.runtimeId()
            : state == State.RUNNING ? randomHex(32) : null;
    // No image is pulled, so there is no digest to report.
    return new ContainerObservation(name, state, exitCode, failure, health, runtimeId, null);
  }

  private static String randomHex(int chars) {
    byte[] bytes = new byte[chars / 2];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
