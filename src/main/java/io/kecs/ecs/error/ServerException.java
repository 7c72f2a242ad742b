package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS server fault (HTTP 500): only for failures of KECS itself, never for bad input. */
public final class ServerException extends AwsException {
  public ServerException(String message) {
    super(500, message);
  }
}
