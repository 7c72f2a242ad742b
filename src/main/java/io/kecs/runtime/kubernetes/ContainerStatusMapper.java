package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Probe;
import io.kecs.runtime.RuntimeFailure;
import io.kecs.runtime.TaskObservation.ContainerObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation.Health;
import io.kecs.runtime.TaskObservation.ContainerObservation.State;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * One container's Kubernetes status as a runtime-neutral observation. A container that has
 * terminated once is reported STOPPED even when Kubernetes restarted it (only sidecar init
 * containers restart: the pod's restartPolicy is Never), because on ECS it would have stayed down.
 */
final class ContainerStatusMapper {
  static final Set<String> PULL_FAILURES =
      Set.of(
          "ErrImagePull",
          "ImagePullBackOff",
          "InvalidImageName",
          "ErrImageNeverPull",
          "RegistryUnavailable",
          "SignatureValidationFailed");
  static final Set<String> START_FAILURES =
      Set.of(
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError",
          "PreStartHookError",
          "PostStartHookError",
          "ContainerCannotRun",
          "StartError");

  private ContainerStatusMapper() {}

  static ContainerObservation of(
      String ecsName, Container spec, ContainerStatus status, Instant now) {
    if (status == null || status.getState() == null) {
      return new ContainerObservation(
          ecsName, State.PENDING, null, null, Health.UNKNOWN, null, null);
    }
    String runtimeId = afterScheme(status.getContainerID());
    String digest = digest(status.getImageID());
    ContainerState state = status.getState();
    ContainerStateTerminated ended = state.getTerminated();
    if (ended == null
        && status.getRestartCount() != null
        && status.getRestartCount() > 0
        && status.getLastState() != null) {
      ended = status.getLastState().getTerminated();
    }
    if (ended != null) {
      return new ContainerObservation(
          ecsName,
          State.STOPPED,
          ended.getExitCode(),
          failure(ended),
          Health.UNKNOWN,
          runtimeId,
          digest);
    }
    ContainerStateWaiting waiting = state.getWaiting();
    if (waiting != null) {
      RuntimeFailure f = failure(waiting);
      return new ContainerObservation(
          ecsName,
          f == null ? State.PENDING : State.STOPPED,
          null,
          f,
          Health.UNKNOWN,
          runtimeId,
          digest);
    }
    if (state.getRunning() != null) {
      return new ContainerObservation(
          ecsName, State.RUNNING, null, null, health(spec, status, now), runtimeId, digest);
    }
    return new ContainerObservation(ecsName, State.PENDING, null, null, Health.UNKNOWN, null, null);
  }

  static RuntimeFailure failure(ContainerStateWaiting waiting) {
    String reason = waiting.getReason();
    if (reason == null) {
      return null; // Set.of(...).contains(null) would throw
    }
    String detail = waiting.getMessage() != null ? waiting.getMessage() : reason;
    if (PULL_FAILURES.contains(reason)) {
      return new RuntimeFailure(RuntimeFailure.Kind.IMAGE_PULL, detail);
    }
    if (START_FAILURES.contains(reason)) {
      return new RuntimeFailure(RuntimeFailure.Kind.START, detail);
    }
    return null;
  }

  static RuntimeFailure failure(ContainerStateTerminated ended) {
    String reason = ended.getReason();
    if (reason == null) {
      return null;
    }
    if ("OOMKilled".equals(reason)) {
      return new RuntimeFailure(RuntimeFailure.Kind.OUT_OF_MEMORY, reason);
    }
    if (START_FAILURES.contains(reason)) {
      return new RuntimeFailure(
          RuntimeFailure.Kind.START, ended.getMessage() != null ? ended.getMessage() : reason);
    }
    return null;
  }

  /**
   * Readiness is the health check's verdict. Not ready yet counts as UNKNOWN until the check had
   * its start period and all its retries, as ECS waits before it calls a container UNHEALTHY.
   */
  private static Health health(Container spec, ContainerStatus status, Instant now) {
    Probe probe = spec == null ? null : spec.getReadinessProbe();
    if (probe == null) {
      return Health.UNKNOWN;
    }
    if (Boolean.TRUE.equals(status.getReady())) {
      return Health.HEALTHY;
    }
    Instant started = parse(status.getState().getRunning().getStartedAt());
    if (started == null) {
      return Health.UNKNOWN;
    }
    long window =
        value(probe.getInitialDelaySeconds(), 0)
            + (long) value(probe.getPeriodSeconds(), 10) * value(probe.getFailureThreshold(), 3)
            + value(probe.getTimeoutSeconds(), 1);
    return now.isAfter(started.plus(Duration.ofSeconds(window)))
        ? Health.UNHEALTHY
        : Health.UNKNOWN;
  }

  private static int value(Integer v, int otherwise) {
    return v == null ? otherwise : v;
  }

  private static Instant parse(String time) {
    try {
      return time == null ? null : Instant.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code containerd://abc} → {@code abc}. */
  private static String afterScheme(String id) {
    if (id == null || id.isEmpty()) {
      return null;
    }
    int at = id.indexOf("://");
    return at < 0 ? id : id.substring(at + 3);
  }

  /** {@code docker.io/library/nginx@sha256:abc} → {@code sha256:abc}. */
  private static String digest(String imageId) {
    if (imageId == null) {
      return null;
    }
    int at = imageId.lastIndexOf('@');
    if (at >= 0) {
      return imageId.substring(at + 1);
    }
    return imageId.startsWith("sha256:") ? imageId : null;
  }
}
