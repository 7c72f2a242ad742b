package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code UpdateInProgressException} (HTTP 400). */
public final class UpdateInProgressException extends AwsException {
  public UpdateInProgressException(String message) {
    super(message);
  }
}
