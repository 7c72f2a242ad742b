package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code LimitExceededException} (HTTP 400). */
public final class LimitExceededException extends AwsException {
  public LimitExceededException(String message) {
    super(message);
  }
}
