package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code DuplicateTrustStoreName} (HTTP 400). */
public final class DuplicateTrustStoreName extends AwsException {
  public DuplicateTrustStoreName(String message) {
    super(message);
  }
}
