package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.kecs.runtime.RuntimeFailure;
import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.WorkloadSink;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The runtime's dealings with pods that services' (and daemons') workloads made: which become tasks
 * and when, how their removal by the workload reads, and which Kubernetes warnings concern them.
 * The runtime keeps the tracking; this decides.
 */
final class WorkloadPods {
  private final Workloads workloads;

  WorkloadPods(Workloads workloads) {
    this.workloads = workloads;
  }

  /**
   * Offers a workload's pod to the domain as a task: once it is placed on a node (ECS too creates a
   * task only where it could place it), and not while it is being deleted. Empty when the domain
   * wants none or the pod is not ready to be one.
   */
  Optional<TaskLaunch> offer(Pod pod, Instant now) {
    WorkloadSink sink = workloads.sink();
    String arn = PodIdentity.taskArn(pod);
    if (sink == null
        || arn == null
        || pod.getSpec() == null
        || pod.getSpec().getNodeName() == null
        || pod.getMetadata().getDeletionTimestamp() != null) {
      return Optional.empty();
    }
    return sink.podAppeared(
        new WorkloadSink.WorkloadPod(
            arn,
            PodIdentity.serviceArn(pod),
            PodIdentity.deploymentId(pod),
            PodIdentity.taskDefinitionArn(pod),
            pod.getSpec().getNodeName(),
            PodIdentity.createdAt(pod, now)));
  }

  /**
   * A workload's pod that KECS did not delete was removed by its workload: scaled in, or replaced
   * by the service's newer deployment (the one named in the reason, as ECS names it).
   */
  PodStatusMapper.Picture scaledIn(Pod pod, PodStatusMapper.Picture p) {
    if (!PodIdentity.isWorkloadPod(pod)
        || p.failure() == null
        || p.failure().kind() != RuntimeFailure.Kind.LOST) {
      return p;
    }
    String primary = workloads.primaryDeployment(PodIdentity.serviceArn(pod));
    RuntimeFailure scaled =
        new RuntimeFailure(
            RuntimeFailure.Kind.SCALED_IN,
            primary != null ? primary : PodIdentity.deploymentId(pod));
    return new PodStatusMapper.Picture(p.phase(), p.containers(), p.privateIp(), scaled);
  }

  /**
   * A pod of a workload that cannot be placed, or a workload that cannot make pods: its owner is
   * told why. {@code podAt} looks a pod up in the runtime's cache by namespace and name.
   */
  void warning(Event e, BiFunction<String, String, Pod> podAt) {
    WorkloadSink sink = workloads.sink();
    ObjectReference ref = e.getInvolvedObject();
    String owner;
    if ("Pod".equals(ref.getKind())) {
      Pod pod = podAt.apply(ref.getNamespace(), ref.getName());
      owner = pod == null ? null : PodIdentity.serviceArn(pod);
    } else {
      owner = workloads.serviceOf(ref.getKind(), ref.getNamespace(), ref.getName());
    }
    if (sink != null && owner != null) {
      sink.unplaceable(owner, e.getMessage());
    }
  }
}
