package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code RevocationContentNotFound} (HTTP 400). */
public final class RevocationContentNotFound extends AwsException {
  public RevocationContentNotFound(String message) {
    super(message);
  }
}
