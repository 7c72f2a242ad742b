package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ClusterContainsCapacityProviderException} (HTTP 400). */
public final class ClusterContainsCapacityProviderException extends AwsException {
  public ClusterContainsCapacityProviderException(String message) {
    super(message);
  }
}
