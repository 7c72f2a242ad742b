/**
 * ECS capacity providers: the built-in FARGATE and FARGATE_SPOT, Auto Scaling group providers and
 * cluster-scoped Managed Instances providers (create, update, delete, describe), the rules for
 * associating them with clusters, and the capacity provider strategy rules that clusters, RunTask
 * and CreateService share ({@link io.kecs.ecs.capacity.CapacityProviderStrategyValidator}).
 *
 * <p>KECS has no EC2 Auto Scaling or EC2 fleet behind these providers: it keeps and validates the
 * configuration (control plane) and reports every change as complete at once. Managed scaling,
 * termination protection, draining, instance launches and infrastructure optimization are not acted
 * upon; on Kubernetes a provider maps to node selection.
 */
package io.kecs.ecs.capacity;
