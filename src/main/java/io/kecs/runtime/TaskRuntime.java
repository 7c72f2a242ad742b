package io.kecs.runtime;

/**
 * Runs tasks. Calls return at once; what happens next arrives as {@link TaskObservation}s on the
 * sink given to {@link #start}. Implementations: simulated (no containers) and Kubernetes (pods).
 */
public interface TaskRuntime extends AutoCloseable {
  /** A short name for logs and {@code kecs status}: "simulated", "kubernetes". */
  String name();

  /**
   * Whether the runtime's control plane answers now; empty for runtimes without one (simulated).
   * Cheap to call often: implementations cache their check for a moment.
   */
  default java.util.Optional<RuntimeConnection> connection() {
    return java.util.Optional.empty();
  }

  /** Begins reporting observations; called once before any launch. */
  void start(ObservationSink sink);

  /** Starts the task's containers. */
  void launch(TaskLaunch launch);

  /**
   * Stops a task's containers (SIGTERM, then SIGKILL after each container's stop timeout). Stopping
   * a task the runtime does not know reports it stopped.
   */
  void stop(String taskArn);

  /**
   * After a KECS restart: the tasks the store believes are live. The runtime resumes watching them,
   * and reports any it no longer has as stopped with a {@link RuntimeFailure}.
   */
  void adopt(java.util.Collection<TaskLaunch> live);

  /** A cluster was created (or exists at start-up): prepare what its tasks need. */
  default void clusterCreated(String clusterArn) {}

  /** A cluster was deleted: remove what the runtime made for it. */
  default void clusterDeleted(String clusterArn) {}

  /**
   * The store was wiped ({@code POST /_kecs/reset}): forget every task and remove what the runtime
   * made, then report its hosts again to the registry given to {@link #watchHosts}.
   */
  default void reset() {}

  /**
   * Runtimes with hosts of their own (Kubernetes nodes) report them to {@code registry} from now
   * on, starting with the ones they have; the others have none. Called once, before {@link #start}.
   */
  default void watchHosts(HostRegistry registry) {}

  /**
   * The container instance of one of the runtime's hosts was set to DRAINING ({@code true}) or
   * ACTIVE: new tasks must (not) go there.
   */
  default void drainHost(String hostId, boolean draining) {}

  /**
   * A service task's scale-in protection changed: protected until {@code until}, or no longer
   * ({@code null}). Runtimes whose workloads pick which tasks a scale-in removes prefer to keep
   * protected ones; the others have nothing to do (the scheduler itself spares them).
   */
  default void protect(String taskArn, java.time.Instant until) {}

  /**
   * Whether services run through workloads of the runtime's own ({@link ServiceWorkloads}) rather
   * than tasks the scheduler launches; empty for runtimes without (simulated).
   */
  default java.util.Optional<ServiceWorkloads> workloads() {
    return java.util.Optional.empty();
  }

  /**
   * What the runtime's containers print, for the awslogs driver; empty for runtimes that cannot
   * tell.
   */
  default java.util.Optional<ContainerOutput> output() {
    return java.util.Optional.empty();
  }

  /** What the runtime's containers use (CPU, memory); empty for runtimes that cannot measure. */
  default java.util.Optional<ContainerUsage> usage() {
    return java.util.Optional.empty();
  }

  @Override
  void close();

  @FunctionalInterface
  interface ObservationSink {
    void observe(TaskObservation observation);
  }
}
