/**
 * The seam between ECS semantics and whatever runs containers. A runtime launches and stops tasks
 * and reports runtime-neutral observations; it never decides an ECS status. The domain (package
 * {@code io.kecs.ecs.task}) turns observations into ECS task states, once, for every runtime.
 */
package io.kecs.runtime;
