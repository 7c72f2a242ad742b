package io.kecs.runtime;

import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * What a service's workload should be now.
 *
 * @param daemon one task per host (DAEMON scheduling strategy) rather than {@code replicas}
 * @param deploymentId the primary ECS deployment: the tasks the workload starts now belong to it
 * @param template a task as the primary deployment would launch it, unplaced (launch type, capacity
 *     provider, network, group, startedBy): the runtime makes its pod template from it
 * @param replicas desired tasks (ignored for daemons); 0 while the service drains
 * @param maximumPercent upper limit of running tasks during a deployment, as a percentage
 * @param minimumHealthyPercent lower limit of healthy tasks during a deployment
 * @param halted the primary deployment failed and has no rollback: start nothing new
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
    boolean halted) {}
