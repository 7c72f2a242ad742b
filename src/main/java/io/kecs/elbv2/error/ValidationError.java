package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code ValidationError} (HTTP 400). */
public final class ValidationError extends AwsException {
  public ValidationError(String message) {
    super(message);
  }
}
