package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code DuplicateTargetGroupName} (HTTP 400). */
public final class DuplicateTargetGroupName extends AwsException {
  public DuplicateTargetGroupName(String message) {
    super(message);
  }
}
