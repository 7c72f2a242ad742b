package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ServiceNotActiveException} (HTTP 400). */
public final class ServiceNotActiveException extends AwsException {
  public ServiceNotActiveException(String message) {
    super(message);
  }
}
