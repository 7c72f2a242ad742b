package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code AccessDeniedException} (HTTP 400). */
public final class AccessDeniedException extends AwsException {
  public AccessDeniedException(String message) {
    super(message);
  }
}
