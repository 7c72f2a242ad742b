/**
 * ECS services: the API (create, update, delete, describe, list), the service scheduler that keeps
 * the desired count and rolls deployments within minimum / maximum percent, the circuit breaker,
 * service events, and the service deployment and revision history.
 */
package io.kecs.ecs.service;
