package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyTargetGroups} (HTTP 400). */
public final class TooManyTargetGroups extends AwsException {
  public TooManyTargetGroups(String message) {
    super(message);
  }
}
