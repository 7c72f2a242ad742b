package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyListeners} (HTTP 400). */
public final class TooManyListeners extends AwsException {
  public TooManyListeners(String message) {
    super(message);
  }
}
