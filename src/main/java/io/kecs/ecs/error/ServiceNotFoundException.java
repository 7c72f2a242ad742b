package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ServiceNotFoundException} (HTTP 400). */
public final class ServiceNotFoundException extends AwsException {
  public ServiceNotFoundException(String message) {
    super(message);
  }
}
