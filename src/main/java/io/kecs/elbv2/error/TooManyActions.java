package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyActions} (HTTP 400). */
public final class TooManyActions extends AwsException {
  public TooManyActions(String message) {
    super(message);
  }
}
