package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code ResourceInUse} (HTTP 400). */
public final class ResourceInUse extends AwsException {
  public ResourceInUse(String message) {
    super(message);
  }
}
