package io.kecs.ecs.capacity;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.InvalidParameterException;

/** The errors ECS answers for a capacity provider that does not exist, worded as ECS words them. */
final class CapacityProviderNotFound {
  private CapacityProviderNotFound() {}

  /** For operations on the provider itself (update, delete). */
  static ClientException forProvider() {
    return new ClientException(
        "The specified capacity provider does not exist. Specify a valid name or ARN and try"
            + " again.");
  }

  /** For a provider named in a cluster's capacity providers. */
  static InvalidParameterException forCluster() {
    return new InvalidParameterException(
        "The specified capacity provider was not found. Specify a valid capacity provider and try"
            + " again.");
  }
}
