package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code NamespaceNotFoundException} (HTTP 400). */
public final class NamespaceNotFoundException extends AwsException {
  public NamespaceNotFoundException(String message) {
    super(message);
  }
}
