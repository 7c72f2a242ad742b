package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ClusterNotFoundException} (HTTP 400). */
public final class ClusterNotFoundException extends AwsException {
  public ClusterNotFoundException(String message) {
    super(message);
  }
}
