package io.kecs.runtime;

import java.util.List;
import java.util.Map;

/**
 * What a runtime saw of one of its own hosts (a Kubernetes node) at one moment, in ECS words, so
 * the domain can keep a container instance for it. Each observation carries the whole picture.
 *
 * @param hostId the host's name, the container instance's {@code ec2InstanceId}
 * @param cpu CPU units the host offers tasks (1,024 per core)
 * @param memory MiB the host offers tasks
 * @param pods how many tasks (pods) the host takes, or 0 when it does not say
 * @param reservedPorts host TCP ports tasks cannot use
 * @param attributes ECS attributes ({@code ecs.instance-type}, {@code ecs.availability-zone},
 *     {@code ecs.cpu-architecture}, {@code ecs.os-type}) the host's labels give
 * @param capacityProvider the capacity provider the host belongs to, or null
 * @param agentVersion what runs tasks on the host (kubelet version), or null
 * @param runtimeVersion the host's container runtime, or null
 */
public record HostObservation(
    String hostId,
    Status status,
    int cpu,
    int memory,
    int pods,
    List<String> reservedPorts,
    Map<String, String> attributes,
    String capacityProvider,
    String agentVersion,
    String runtimeVersion) {

  public enum Status {
    /** The host takes tasks. */
    READY,
    /** The host exists but does not answer or accept tasks now (node NotReady). */
    NOT_READY,
    /** The host is gone for good. */
    GONE
  }

  public static HostObservation gone(String hostId) {
    return new HostObservation(hostId, Status.GONE, 0, 0, 0, List.of(), Map.of(), null, null, null);
  }
}
