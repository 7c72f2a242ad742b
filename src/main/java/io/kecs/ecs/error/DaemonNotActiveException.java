package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code DaemonNotActiveException} (HTTP 400). */
public final class DaemonNotActiveException extends AwsException {
  public DaemonNotActiveException(String message) {
    super(message);
  }
}
