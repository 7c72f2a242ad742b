package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code SubnetNotFound} (HTTP 400). */
public final class SubnetNotFound extends AwsException {
  public SubnetNotFound(String message) {
    super(message);
  }
}
