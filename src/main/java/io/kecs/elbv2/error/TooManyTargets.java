package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyTargets} (HTTP 400). */
public final class TooManyTargets extends AwsException {
  public TooManyTargets(String message) {
    super(message);
  }
}
