package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code TargetNotFoundException} (HTTP 400). */
public final class TargetNotFoundException extends AwsException {
  public TargetNotFoundException(String message) {
    super(message);
  }
}
