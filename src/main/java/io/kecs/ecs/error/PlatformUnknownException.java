package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code PlatformUnknownException} (HTTP 400). */
public final class PlatformUnknownException extends AwsException {
  public PlatformUnknownException(String message) {
    super(message);
  }
}
