package io.kecs.runtime;

import java.util.Optional;

/**
 * The domain's side of a runtime's own hosts: where the runtime reports them, and where it learns
 * which host a task's container instance stands for.
 */
public interface HostRegistry {
  /** A host appeared, changed or went; called in order for each host. */
  void observe(HostObservation host);

  /** The host ({@link HostObservation#hostId}) a container instance stands for, if any. */
  Optional<String> hostOf(String containerInstanceArn);

  /**
   * The container instance that stands for a host, if there is one in the cluster {@code
   * clusterArn} (a task's instance is in the task's cluster: hosts register in one cluster).
   */
  Optional<String> instanceOf(String hostId, String clusterArn);
}
