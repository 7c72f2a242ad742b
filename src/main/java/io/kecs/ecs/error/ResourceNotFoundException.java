package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ResourceNotFoundException} (HTTP 400). */
public final class ResourceNotFoundException extends AwsException {
  public ResourceNotFoundException(String message) {
    super(message);
  }
}
