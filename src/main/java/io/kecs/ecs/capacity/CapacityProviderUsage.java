package io.kecs.ecs.capacity;

import io.kecs.identity.Arn;

/**
 * Whether services or tasks of a cluster still use a capacity provider, answered by the aggregates
 * that own them (connected with {@link CapacityProviderService#connectUsage}). Until services and
 * tasks exist nothing uses a provider.
 */
public interface CapacityProviderUsage {
  CapacityProviderUsage NONE = (cluster, provider) -> false;

  boolean inUse(Arn cluster, String provider);
}
