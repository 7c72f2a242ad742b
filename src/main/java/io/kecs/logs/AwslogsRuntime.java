package io.kecs.logs;

import io.kecs.protocol.AwsJsonCodec;
import io.kecs.runtime.ContainerOutput;
import io.kecs.runtime.HostRegistry;
import io.kecs.runtime.RuntimeFailure;
import io.kecs.runtime.ServiceWorkloads;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.TaskObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation;
import io.kecs.runtime.TaskPhase;
import io.kecs.runtime.TaskRuntime;
import io.kecs.store.Database;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task runtime with the awslogs driver around it. A launch whose containers log through awslogs
 * first sets up their groups and streams ({@link LogSetup}) and reaches the runtime only if that
 * worked; otherwise the task stops with ECS's ResourceInitializationError. Containers seen running
 * get a {@link ContainerLog} each, which ends when they stop. Everything else goes to the runtime
 * unchanged (every method of {@link TaskRuntime} is passed on: see AwslogsRuntimeTest).
 */
public final class AwslogsRuntime implements TaskRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(AwslogsRuntime.class);

  /** How long a stopped container's output may still be read (Kubernetes: until its log ends). */
  static final Duration READ_GRACE = Duration.ofSeconds(5);

  private final TaskRuntime inner;
  private final LogDestination destination;
  private final LogSetup setup;
  private final LogPositions positions;
  private final Supplier<Instant> clock;
  private final Map<String, TaskLaunch> launches = new ConcurrentHashMap<>();
  private final Map<String, Map<String, ContainerLog>> logs = new ConcurrentHashMap<>();
  private final Set<String> preparing = ConcurrentHashMap.newKeySet();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final Set<String> plain = ConcurrentHashMap.newKeySet();
  private volatile Function<String, Optional<TaskLaunch>> directory = arn -> Optional.empty();
  private volatile ObservationSink sink = o -> {};

  AwslogsRuntime(
      TaskRuntime inner,
      LogDestination destination,
      LogPositions positions,
      Supplier<Instant> clock) {
    this.inner = inner;
    this.destination = destination;
    this.setup = new LogSetup(destination);
    this.positions = positions;
    this.clock = clock;
  }

  /**
   * {@code runtime} with the awslogs driver shipping to CloudWatch Logs on {@code backend}; the
   * runtime itself when there is no backend (awslogs options are then kept but nothing is sent).
   */
  public static TaskRuntime around(
      TaskRuntime runtime, URI backend, Database db, AwsJsonCodec codec, Supplier<Instant> clock) {
    if (backend == null) {
      return runtime;
    }
    return new AwslogsRuntime(
        runtime, new CloudWatchLogsDestination(backend), new LogPositions(db, codec), clock);
  }

  /**
   * Where the driver finds the task and definition of a task it did not launch itself (a service
   * workload's pod), by task ARN.
   */
  public void connect(Function<String, Optional<TaskLaunch>> directory) {
    this.directory = directory;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public void start(ObservationSink sink) {
    this.sink = sink;
    inner.start(
        o -> {
          sink.observe(o);
          observed(o);
        });
  }

  @Override
  public void launch(TaskLaunch launch) {
    if (LogSetup.plans(launch.taskArn(), launch.definition()).isEmpty()) {
      plain.add(launch.taskArn()); // nothing to look up when its containers run
      inner.launch(launch);
      return;
    }
    launches.put(launch.taskArn(), launch);
    preparing.add(launch.taskArn());
    Thread.ofVirtual().name("awslogs-setup").start(() -> prepareThenLaunch(launch));
  }

  private void prepareThenLaunch(TaskLaunch launch) {
    String arn = launch.taskArn();
    try {
      setup.prepare(launch);
    } catch (LogSetup.SetupFailed e) {
      LOG.info("Cannot set up awslogs for {}: {}", arn, e.getMessage());
      preparing.remove(arn);
      if (!cancelled.remove(arn)) {
        fail(launch, e.getMessage());
      }
      launches.remove(arn);
      return;
    } catch (RuntimeException e) {
      // An options check the setup did not foresee: the task still stops, with the reason.
      preparing.remove(arn);
      cancelled.remove(arn);
      fail(launch, "failed to validate logger args: " + e.getMessage());
      launches.remove(arn);
      return;
    }
    preparing.remove(arn);
    if (cancelled.remove(arn)) {
      launches.remove(arn);
      return; // stopped meanwhile; the runtime already reported it stopped
    }
    inner.launch(launch);
  }

  /** The task never ran: reported stopped with the setup's failure, as the runtime would. */
  private void fail(TaskLaunch launch, String detail) {
    RuntimeFailure failure =
        new RuntimeFailure(RuntimeFailure.Kind.RESOURCE_INITIALIZATION, detail);
    List<ContainerObservation> stopped =
        launch.definition().containerDefinitions().stream()
            .map(
                c ->
                    new ContainerObservation(
                        c.name(),
                        ContainerObservation.State.STOPPED,
                        null,
                        null,
                        ContainerObservation.Health.UNKNOWN,
                        null,
                        null))
            .toList();
    for (TaskPhase phase : List.of(TaskPhase.EXITED, TaskPhase.RELEASED)) {
      sink.observe(
          new TaskObservation(launch.taskArn(), phase, clock.get(), stopped, null, failure));
    }
  }

  private void observed(TaskObservation o) {
    if (o.phase() == TaskPhase.RUNNING || o.phase() == TaskPhase.EXITED) {
      for (ContainerObservation c : o.containers()) {
        if (c.state() == ContainerObservation.State.RUNNING) {
          follow(o.taskArn(), c);
        } else if (c.state() == ContainerObservation.State.STOPPED) {
          finish(o.taskArn(), c.name(), false);
        }
      }
    }
    if (o.phase() == TaskPhase.RELEASED) {
      Map<String, ContainerLog> of = logs.getOrDefault(o.taskArn(), Map.of());
      of.keySet().forEach(name -> finish(o.taskArn(), name, true));
      logs.remove(o.taskArn(), Map.of());
      launches.remove(o.taskArn());
      plain.remove(o.taskArn());
    }
  }

  private void follow(String taskArn, ContainerObservation c) {
    Map<String, ContainerLog> followed = logs.get(taskArn);
    if (plain.contains(taskArn) || (followed != null && followed.containsKey(c.name()))) {
      return;
    }
    TaskLaunch launch =
        Optional.ofNullable(launches.get(taskArn)).or(() -> directory.apply(taskArn)).orElse(null);
    if (launch == null) {
      return;
    }
    LogSetup.Plan plan;
    try {
      plan = LogSetup.plans(taskArn, launch.definition()).get(c.name());
    } catch (IllegalArgumentException e) {
      return;
    }
    Optional<ContainerOutput> output = inner.output();
    if (plan == null || output.isEmpty()) {
      if (LogSetup.plans(taskArn, launch.definition()).isEmpty()) {
        plain.add(taskArn); // a service task without awslogs: no further look-ups
      }
      return;
    }
    String stream = plan.options().streamName(c.name(), LogSetup.taskId(taskArn), c.runtimeId());
    if (stream == null) {
      return;
    }
    ContainerLog log =
        new ContainerLog(
            taskArn,
            c.name(),
            plan.options(),
            new StreamShipper.Target(plan.group(), stream),
            output.get(),
            destination,
            positions,
            clock);
    Map<String, ContainerLog> of = logs.computeIfAbsent(taskArn, k -> new ConcurrentHashMap<>());
    if (of.putIfAbsent(c.name(), log) == null) {
      // Streams made at launch exist; an adopted task's, or one named after the container id, not.
      log.start(!launches.containsKey(taskArn) || plan.options().streamPrefix() == null);
    }
  }

  /** The container stopped: its log ends once the rest is shipped; with the task, its position. */
  private void finish(String taskArn, String container, boolean released) {
    Map<String, ContainerLog> of = logs.get(taskArn);
    ContainerLog log = of == null ? null : of.get(container);
    if (log == null) {
      return;
    }
    Thread.ofVirtual()
        .name("awslogs-finish")
        .start(
            () -> {
              try {
                if (log.finish(READ_GRACE) && released) {
                  positions.delete(log.positionKey());
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              if (released) {
                of.remove(container, log);
                logs.remove(taskArn, Map.of());
              }
            });
  }

  @Override
  public void stop(String taskArn) {
    if (preparing.contains(taskArn)) {
      cancelled.add(taskArn);
    }
    inner.stop(taskArn);
  }

  @Override
  public void adopt(Collection<TaskLaunch> live) {
    // Kept so containers seen running again resume their logs from the stored positions.
    live.forEach(l -> launches.putIfAbsent(l.taskArn(), l));
    inner.adopt(live);
  }

  @Override
  public void clusterCreated(String clusterArn) {
    inner.clusterCreated(clusterArn);
  }

  @Override
  public void clusterDeleted(String clusterArn) {
    inner.clusterDeleted(clusterArn);
  }

  @Override
  public void reset() {
    abortAll();
    launches.clear();
    plain.clear();
    inner.reset();
  }

  @Override
  public void watchHosts(HostRegistry registry) {
    inner.watchHosts(registry);
  }

  @Override
  public void drainHost(String hostId, boolean draining) {
    inner.drainHost(hostId, draining);
  }

  @Override
  public void protect(String taskArn, Instant until) {
    inner.protect(taskArn, until);
  }

  @Override
  public Optional<ServiceWorkloads> workloads() {
    return inner.workloads();
  }

  @Override
  public Optional<ContainerOutput> output() {
    return inner.output();
  }

  @Override
  public Optional<io.kecs.runtime.ContainerUsage> usage() {
    return inner.usage();
  }

  @Override
  public Optional<io.kecs.runtime.RuntimeConnection> connection() {
    return inner.connection();
  }

  private void abortAll() {
    logs.values().forEach(m -> m.values().forEach(ContainerLog::abort));
    logs.clear();
  }

  @Override
  public void close() {
    abortAll();
    try {
      inner.close();
    } finally {
      destination.close();
    }
  }
}
