package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code BlockedException} (HTTP 400). */
public final class BlockedException extends AwsException {
  public BlockedException(String message) {
    super(message);
  }
}
