package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ClientException} (HTTP 400). */
public final class ClientException extends AwsException {
  public ClientException(String message) {
    super(message);
  }
}
