package io.kecs.runtime;

/** Why a runtime could not run or keep running a task. */
public record RuntimeFailure(Kind kind, String detail) {
  public enum Kind {
    /** An image could not be pulled (bad name, no access). */
    IMAGE_PULL,
    /**
     * What a task needs before its containers (secrets, registry credentials) could not be
     * retrieved; {@code detail} continues "ResourceInitializationError: ".
     */
    RESOURCE_INITIALIZATION,
    /** A container could not be created or started. */
    START,
    /** The runtime lost the task (node gone, pod deleted behind our back, restart). */
    LOST,
    /** The task was evicted or preempted. */
    EVICTED,
    /** A container was killed for using more memory than its limit. */
    OUT_OF_MEMORY,
    /**
     * The task's workload removed it while scaling in or rolling to a new deployment; {@code
     * detail} is the ECS deployment id that caused it.
     */
    SCALED_IN
  }
}
