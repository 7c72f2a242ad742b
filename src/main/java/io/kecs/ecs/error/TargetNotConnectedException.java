package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code TargetNotConnectedException} (HTTP 400). */
public final class TargetNotConnectedException extends AwsException {
  public TargetNotConnectedException(String message) {
    super(message);
  }
}
