/**
 * ECS container instances and the calls their agents make: register, deregister, describe, list
 * (with cluster query language filters, see the {@code query} sub-package), state changes, agent
 * updates, poll endpoint discovery and task/container/attachment state reports.
 *
 * <p>What a container instance record holds is what registration and later changes set; what tasks
 * use (remaining resources, task counts, task groups) comes from {@link
 * io.kecs.ecs.instance.InstanceUsage}, wired by the task aggregate, so the two cannot drift. That
 * aggregate also receives agent state reports through {@link io.kecs.ecs.instance.AgentReports}.
 */
package io.kecs.ecs.instance;
