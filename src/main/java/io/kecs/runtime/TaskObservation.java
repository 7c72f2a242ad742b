package io.kecs.runtime;

import java.time.Instant;
import java.util.List;

/**
 * What a runtime saw of one task at one moment. Observations of a task arrive in order; each
 * carries the full current picture, so a missed one loses nothing.
 *
 * @param privateIp the task's address once it has one (awsvpc), else null
 * @param failure why the task could not run, or null
 */
public record TaskObservation(
    String taskArn,
    TaskPhase phase,
    Instant at,
    List<ContainerObservation> containers,
    String privateIp,
    RuntimeFailure failure) {

  /**
   * One container's state.
   *
   * @param failure why this container could not run or was killed, or null; the domain words it
   */
  public record ContainerObservation(
      String name,
      State state,
      Integer exitCode,
      RuntimeFailure failure,
      Health health,
      String runtimeId,
      String imageDigest) {

    public enum State {
      PENDING,
      RUNNING,
      STOPPED
    }

    public enum Health {
      UNKNOWN,
      HEALTHY,
      UNHEALTHY
    }
  }
}
