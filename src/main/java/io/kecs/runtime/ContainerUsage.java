package io.kecs.runtime;

import java.time.Instant;
import java.util.Optional;

/**
 * What a running container uses now, for the task metadata endpoint's stats: a runtime that can
 * measure its containers answers; the others have no {@link TaskRuntime#usage()}.
 */
public interface ContainerUsage {
  /**
   * @param cpuNanoCores CPU in use, in billionths of a core, averaged over the measuring window
   * @param memoryBytes memory in use (the working set)
   * @param window how long the CPU average was taken over
   * @param at when the window ended
   */
  record Usage(long cpuNanoCores, long memoryBytes, java.time.Duration window, Instant at) {}

  /** {@code container} of {@code taskArn} now; empty when it is not measured (yet). */
  Optional<Usage> of(String taskArn, String container);
}
