/**
 * The port through which ECS registers its tasks in a service registry (Cloud Map's {@code
 * serviceRegistries}) without knowing the module that implements it.
 */
package io.kecs.registry;
