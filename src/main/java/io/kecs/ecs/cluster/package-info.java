/**
 * ECS clusters: create, describe, list, update, settings, capacity providers, delete. Creation and
 * deletion are told to {@link io.kecs.ecs.cluster.ClusterListener}s (the runtime's namespaces
 * follow clusters that way).
 */
package io.kecs.ecs.cluster;
