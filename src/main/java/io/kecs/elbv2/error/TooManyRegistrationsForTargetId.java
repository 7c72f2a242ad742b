package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyRegistrationsForTargetId} (HTTP 400). */
public final class TooManyRegistrationsForTargetId extends AwsException {
  public TooManyRegistrationsForTargetId(String message) {
    super(message);
  }
}
