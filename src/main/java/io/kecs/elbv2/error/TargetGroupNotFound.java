package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TargetGroupNotFound} (HTTP 400). */
public final class TargetGroupNotFound extends AwsException {
  public TargetGroupNotFound(String message) {
    super(message);
  }
}
