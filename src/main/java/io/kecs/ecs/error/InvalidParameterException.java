package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code InvalidParameterException} (HTTP 400). */
public final class InvalidParameterException extends AwsException {
  public InvalidParameterException(String message) {
    super(message);
  }
}
