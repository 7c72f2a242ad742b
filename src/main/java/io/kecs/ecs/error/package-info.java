/** The ECS error types, one class per modeled error code, named exactly after it. */
package io.kecs.ecs.error;
