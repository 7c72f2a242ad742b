package io.kecs.runtime;

/**
 * Runs tasks. Calls return at once; what happens next arrives as {@link TaskObservation}s on the
 * sink given to {@link #start}. Implementations: simulated (no containers) and, later, Kubernetes.
 */
public interface TaskRuntime extends AutoCloseable {
  /** A short name for logs and {@code kecs status}: "simulated", "kubernetes". */
  String name();

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

  @Override
  void close();

  @FunctionalInterface
  interface ObservationSink {
    void observe(TaskObservation observation);
  }
}
