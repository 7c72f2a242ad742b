package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code RevocationIdNotFound} (HTTP 400). */
public final class RevocationIdNotFound extends AwsException {
  public RevocationIdNotFound(String message) {
    super(message);
  }
}
