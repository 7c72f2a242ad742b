package io.kecs.ecs.task;

/**
 * Where a task runs, as decided before it is created.
 *
 * @param launchType EC2, FARGATE or EXTERNAL
 * @param capacityProviderName the provider when a strategy chose it, else null
 * @param containerInstanceArn the instance for EC2 / EXTERNAL tasks, else null
 * @param availabilityZone the zone the task is reported in
 */
public record Placement(
    String launchType,
    String capacityProviderName,
    String containerInstanceArn,
    String availabilityZone) {}
