package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ResourceInUseException} (HTTP 400). */
public final class ResourceInUseException extends AwsException {
  public ResourceInUseException(String message) {
    super(message);
  }
}
