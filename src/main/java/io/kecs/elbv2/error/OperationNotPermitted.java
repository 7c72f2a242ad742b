package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code OperationNotPermitted} (HTTP 400). */
public final class OperationNotPermitted extends AwsException {
  public OperationNotPermitted(String message) {
    super(message);
  }
}
