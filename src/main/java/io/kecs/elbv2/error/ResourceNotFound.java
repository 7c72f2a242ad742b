package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code ResourceNotFound} (HTTP 400). */
public final class ResourceNotFound extends AwsException {
  public ResourceNotFound(String message) {
    super(message);
  }
}
