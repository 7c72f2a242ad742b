/**
 * The ports through which ECS registers its tasks elsewhere without knowing the module that
 * implements them: service registries (Cloud Map's {@code serviceRegistries}) and load balancer
 * target groups (ELBv2's, for {@code loadBalancers}).
 */
package io.kecs.registry;
