package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code NoUpdateAvailableException} (HTTP 400). */
public final class NoUpdateAvailableException extends AwsException {
  public NoUpdateAvailableException(String message) {
    super(message);
  }
}
