package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code MissingVersionException} (HTTP 400). */
public final class MissingVersionException extends AwsException {
  public MissingVersionException(String message) {
    super(message);
  }
}
