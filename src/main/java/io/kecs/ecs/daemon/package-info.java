/**
 * ECS Managed Daemons: CreateDaemon, UpdateDaemon, DeleteDaemon, DescribeDaemon, ListDaemons, the
 * daemon deployments and revisions behind them, and the daemon scheduler that keeps exactly one
 * daemon task on each ACTIVE container instance of the daemon's Managed Instances capacity
 * providers, rolling new revisions out a batch of instances at a time ({@code drainPercent}) with a
 * circuit breaker that rolls back to the last successful revision.
 *
 * <p>Daemon tasks are ordinary tasks (group {@code daemon:NAME}, {@code startedBy} the revision id)
 * created through the task launcher, so the task lifecycle and the runtime treat them like any
 * other; {@link io.kecs.ecs.daemon.DaemonTaskDefinitions} lets them run daemon task definitions. On
 * a runtime with workloads of its own (Kubernetes) a daemon is one workload (a DaemonSet) whose
 * units are recorded as its tasks ({@link io.kecs.ecs.daemon.DaemonWorkloads}).
 */
package io.kecs.ecs.daemon;
