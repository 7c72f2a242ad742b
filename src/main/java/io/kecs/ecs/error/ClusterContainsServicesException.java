package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ClusterContainsServicesException} (HTTP 400). */
public final class ClusterContainsServicesException extends AwsException {
  public ClusterContainsServicesException(String message) {
    super(message);
  }
}
