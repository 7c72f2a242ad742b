package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code PlatformTaskDefinitionIncompatibilityException} (HTTP 400). */
public final class PlatformTaskDefinitionIncompatibilityException extends AwsException {
  public PlatformTaskDefinitionIncompatibilityException(String message) {
    super(message);
  }
}
