/**
 * ECS services: the API (create, update, delete, describe, list), the service scheduler that keeps
 * the desired count and rolls deployments within minimum / maximum percent, the circuit breaker,
 * service events, and the service deployment and revision history. Services of the EXTERNAL and
 * CODE_DEPLOY deployment controllers run task sets instead of deployments: their API ({@link
 * io.kecs.ecs.service.TaskSetService}), scale rules and the task set branch of the scheduler. Tasks
 * of services with {@code loadBalancers} are registered in their target groups and drained before
 * they stop ({@link io.kecs.ecs.service.ServiceTargets}, through {@link
 * io.kecs.registry.LoadBalancerTargets}).
 */
package io.kecs.ecs.service;
