/**
 * The ECS API: one service per aggregate (sub-packages), wired together and bound to the operation
 * table here. Validation and lifecycle rules live in the aggregates, nowhere else.
 */
package io.kecs.ecs;
