package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ConflictException} (HTTP 400). */
public final class ConflictException extends AwsException {
  public ConflictException(String message) {
    super(message);
  }
}
