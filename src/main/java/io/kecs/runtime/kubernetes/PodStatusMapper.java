package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kecs.runtime.RuntimeFailure;
import io.kecs.runtime.TaskObservation.ContainerObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation.State;
import io.kecs.runtime.TaskPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod as the runtime-neutral picture of its task. Pure: the same pod (and time, for health)
 * always gives the same picture.
 *
 * <ul>
 *   <li>PROVISIONED: scheduled to a node, no container status yet;
 *   <li>PULLING: containers waiting (ContainerCreating, PodInitializing: images being pulled);
 *   <li>PULLED: some container (an init container) has been created while the pod is Pending;
 *   <li>RUNNING: the pod is Running;
 *   <li>EXITED: the pod Succeeded or Failed, every container has terminated, or an image cannot be
 *       pulled / a container cannot be created (Kubernetes would retry forever; ECS gives up);
 *   <li>RELEASED: the pod is gone ({@link #released}).
 * </ul>
 */
final class PodStatusMapper {
  private PodStatusMapper() {}

  /** What a task's pod shows: null while it has nothing to show (not scheduled). */
  record Picture(
      TaskPhase phase,
      List<ContainerObservation> containers,
      String privateIp,
      RuntimeFailure failure) {}

  static Picture live(Pod pod, Instant now) {
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    List<ContainerObservation> containers = containers(pod, now);
    RuntimeFailure failure = failure(status, containers);
    String ip = status.getPodIP();
    TaskPhase phase = phase(pod, status, containers, failure);
    return phase == null ? null : new Picture(phase, containers, ip, failure);
  }

  /**
   * The last picture of a pod that no longer exists. What still showed as running has stopped
   * without an exit code Kubernetes told. A pod KECS did not delete was lost, or evicted when
   * Kubernetes marked it as a disruption target.
   */
  static Picture released(Pod lastSeen, boolean deletedByKecs, Instant now) {
    PodStatus status = lastSeen.getStatus() == null ? new PodStatus() : lastSeen.getStatus();
    List<ContainerObservation> containers = new ArrayList<>();
    for (ContainerObservation c : containers(lastSeen, now)) {
      containers.add(
          c.state() == State.STOPPED
              ? c
              : new ContainerObservation(
                  c.name(), State.STOPPED, null, null, c.health(), c.runtimeId(), c.imageDigest()));
    }
    RuntimeFailure failure = failure(status, containers);
    if (failure == null) {
      failure = disruption(status);
    }
    if (failure == null && !deletedByKecs) {
      String pod = lastSeen.getMetadata().getNamespace() + "/" + lastSeen.getMetadata().getName();
      failure =
          new RuntimeFailure(RuntimeFailure.Kind.LOST, "Pod " + pod + " was deleted outside KECS");
    }
    return new Picture(TaskPhase.RELEASED, containers, null, failure);
  }

  private static TaskPhase phase(
      Pod pod, PodStatus status, List<ContainerObservation> containers, RuntimeFailure failure) {
    String podPhase = status.getPhase();
    boolean cannotRun =
        failure != null
            && (failure.kind() == RuntimeFailure.Kind.IMAGE_PULL
                || containers.stream()
                    .anyMatch(c -> c.state() == State.STOPPED && c.exitCode() == null));
    if (cannotRun || "Succeeded".equals(podPhase) || "Failed".equals(podPhase)) {
      return TaskPhase.EXITED;
    }
    if (!containers.isEmpty() && containers.stream().allMatch(c -> c.state() == State.STOPPED)) {
      return TaskPhase.EXITED;
    }
    if ("Running".equals(podPhase)) {
      return TaskPhase.RUNNING;
    }
    if (containers.stream().anyMatch(c -> c.state() != State.PENDING)) {
      return TaskPhase.PULLED;
    }
    if (!statuses(status).isEmpty()) {
      return TaskPhase.PULLING;
    }
    boolean scheduled =
        pod.getSpec() != null && pod.getSpec().getNodeName() != null
            || status.getConditions().stream()
                .anyMatch(c -> "PodScheduled".equals(c.getType()) && "True".equals(c.getStatus()));
    return scheduled ? TaskPhase.PROVISIONED : null;
  }

  /** Eviction first; else the first container that could not be pulled or started. */
  private static RuntimeFailure failure(PodStatus status, List<ContainerObservation> containers) {
    if ("Evicted".equals(status.getReason())) {
      return evicted(status.getMessage());
    }
    return containers.stream()
        .map(ContainerObservation::failure)
        .filter(
            f ->
                f != null
                    && (f.kind() == RuntimeFailure.Kind.IMAGE_PULL
                        || f.kind() == RuntimeFailure.Kind.START))
        .findFirst()
        .orElse(null);
  }

  private static RuntimeFailure disruption(PodStatus status) {
    for (PodCondition c : status.getConditions()) {
      if ("DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus())) {
        return evicted(c.getMessage() != null ? c.getMessage() : c.getReason());
      }
    }
    return null;
  }

  private static RuntimeFailure evicted(String message) {
    return new RuntimeFailure(
        RuntimeFailure.Kind.EVICTED,
        "Task was evicted by Kubernetes" + (message == null ? "" : ": " + message));
  }

  /** Init and regular containers, under their ECS names. */
  private static List<ContainerObservation> containers(Pod pod, Instant now) {
    Map<String, String> ecsNames = ecsNames(pod);
    Map<String, ContainerStatus> byName = new HashMap<>();
    statuses(pod.getStatus() == null ? new PodStatus() : pod.getStatus())
        .forEach(s -> byName.put(s.getName(), s));
    List<Container> specs = new ArrayList<>();
    if (pod.getSpec() != null) {
      specs.addAll(pod.getSpec().getInitContainers());
      specs.addAll(pod.getSpec().getContainers());
    }
    List<ContainerObservation> out = new ArrayList<>();
    for (Container spec : specs) {
      String ecsName = ecsNames.getOrDefault(spec.getName(), spec.getName());
      out.add(ContainerStatusMapper.of(ecsName, spec, byName.get(spec.getName()), now));
    }
    return out;
  }

  private static List<ContainerStatus> statuses(PodStatus status) {
    List<ContainerStatus> all = new ArrayList<>(status.getInitContainerStatuses());
    all.addAll(status.getContainerStatuses());
    return all;
  }

  private static Map<String, String> ecsNames(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String json = annotations == null ? null : annotations.get(PodLabels.CONTAINER_NAMES);
    return json == null ? Map.of() : new LinkedHashMap<>(Json.read(json));
  }
}
