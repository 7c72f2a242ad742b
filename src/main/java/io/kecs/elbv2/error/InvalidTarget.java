package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code InvalidTarget} (HTTP 400). */
public final class InvalidTarget extends AwsException {
  public InvalidTarget(String message) {
    super(message);
  }
}
