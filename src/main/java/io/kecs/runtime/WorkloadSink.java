package io.kecs.runtime;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The domain's side of {@link ServiceWorkloads}: what the runtime's workloads did. */
public interface WorkloadSink {
  /**
   * The workload of a service started a unit (a pod) that no task stands for yet. The domain
   * records the task and answers it; empty when it wants none (the service is gone), and then the
   * runtime leaves the unit to its workload's removal.
   */
  Optional<TaskLaunch> podAppeared(WorkloadPod pod);

  /** The workload's own view of a service changed. */
  void statusChanged(WorkloadStatus status);

  /** The workload could not place a unit (no host has room or matches): worded for an event. */
  void unplaceable(String serviceArn, String reason);

  /**
   * One unit of a service's workload.
   *
   * @param taskArn the task ARN the unit stands for (stable: derived from the unit's identity)
   * @param serviceArn the service (or ECS daemon) whose workload made it
   * @param deploymentId the ECS deployment whose template made it
   * @param hostId the host it was placed on, or null while unplaced
   */
  record WorkloadPod(
      String taskArn,
      String serviceArn,
      String deploymentId,
      String taskDefinitionArn,
      String hostId,
      Instant createdAt) {}

  /**
   * @param desired how many tasks the workload wants in all (for daemons: the eligible hosts)
   * @param desiredByDeployment how many tasks it wants of each ECS deployment (Kubernetes: the
   *     replicas of each ReplicaSet), absent ones want none
   */
  record WorkloadStatus(String serviceArn, int desired, Map<String, Integer> desiredByDeployment) {}
}
