package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code UnsupportedFeatureException} (HTTP 400). */
public final class UnsupportedFeatureException extends AwsException {
  public UnsupportedFeatureException(String message) {
    super(message);
  }
}
