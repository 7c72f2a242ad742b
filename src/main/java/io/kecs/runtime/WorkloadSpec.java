package io.kecs.runtime;

import io.kecs.identity.Arn;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * What a service's (or an ECS Managed Daemon's) workload should be now.
 *
 * @param serviceArn whose workload it is: a service ARN, or a daemon ARN ({@code daemon/...}) for
 *     an ECS Managed Daemon; the runtime tells the two apart by the ARN's resource type
 * @param serviceName the service's (or daemon's) name
 * @param daemon one task per host (DAEMON scheduling strategy, ECS daemons) rather than {@code
 *     replicas}
 * @param deploymentId the primary ECS deployment (for ECS daemons: the id of the target daemon
 *     revision): the tasks the workload starts now belong to it
 * @param template a task as the primary deployment would launch it, unplaced (launch type, capacity
 *     provider, network, group, startedBy): the runtime makes its pod template from it
 * @param replicas desired tasks (ignored for daemons); 0 while the service drains
 * @param maximumPercent upper limit of running tasks during a deployment, as a percentage
 * @param minimumHealthyPercent lower limit of healthy tasks during a deployment (ECS daemons: 100
 *     minus their {@code drainPercent})
 * @param halted the primary deployment failed and has no rollback: start nothing new
 * @param capacityProviders names of the capacity providers whose hosts alone run the workload (ECS
 *     daemons); empty: the template decides
 * @param minReadySeconds how long a new task must have been ready before a rollout counts it and
 *     goes on (ECS daemons: their bake time); 0 for none
 * @param placementConstraints the service's placement constraints (the task definition's are in
 *     {@code definition})
 * @param placementStrategy the service's placement strategy
 */
public record WorkloadSpec(
    String serviceArn,
    String serviceName,
    String clusterArn,
    boolean daemon,
    String deploymentId,
    Task template,
    TaskDefinition definition,
    int replicas,
    int maximumPercent,
    int minimumHealthyPercent,
    boolean halted,
    List<String> capacityProviders,
    int minReadySeconds,
    List<PlacementConstraint> placementConstraints,
    List<PlacementStrategy> placementStrategy) {

  public WorkloadSpec {
    capacityProviders = List.copyOf(capacityProviders);
    placementConstraints = List.copyOf(placementConstraints);
    placementStrategy = List.copyOf(placementStrategy);
  }

  /** A service's workload: no host restriction beyond its template's, no wait once ready. */
  public WorkloadSpec(
      String serviceArn,
      String serviceName,
      String clusterArn,
      boolean daemon,
      String deploymentId,
      Task template,
      TaskDefinition definition,
      int replicas,
      int maximumPercent,
      int minimumHealthyPercent,
      boolean halted) {
    this(
        serviceArn,
        serviceName,
        clusterArn,
        daemon,
        deploymentId,
        template,
        definition,
        replicas,
        maximumPercent,
        minimumHealthyPercent,
        halted,
        List.of(),
        0,
        List.of(),
        List.of());
  }

  /** The same workload with the service's placement constraints and strategy. */
  public WorkloadSpec withPlacement(
      List<PlacementConstraint> constraints, List<PlacementStrategy> strategy) {
    return new WorkloadSpec(
        serviceArn,
        serviceName,
        clusterArn,
        daemon,
        deploymentId,
        template,
        definition,
        replicas,
        maximumPercent,
        minimumHealthyPercent,
        halted,
        capacityProviders,
        minReadySeconds,
        constraints,
        strategy);
  }

  /** Whether the workload is an ECS Managed Daemon's (its owner is a daemon ARN). */
  public boolean ecsDaemon() {
    return isDaemonArn(serviceArn);
  }

  /** Whether {@code arn} names an ECS Managed Daemon rather than a service. */
  public static boolean isDaemonArn(String arn) {
    return Arn.parse(arn).map(a -> "daemon".equals(a.resourceType())).orElse(false);
  }
}
