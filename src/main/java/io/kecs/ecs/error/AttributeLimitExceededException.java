package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code AttributeLimitExceededException} (HTTP 400). */
public final class AttributeLimitExceededException extends AwsException {
  public AttributeLimitExceededException(String message) {
    super(message);
  }
}
