package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code DaemonNotFoundException} (HTTP 400). */
public final class DaemonNotFoundException extends AwsException {
  public DaemonNotFoundException(String message) {
    super(message);
  }
}
