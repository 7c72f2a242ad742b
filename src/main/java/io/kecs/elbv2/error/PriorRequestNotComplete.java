package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code PriorRequestNotComplete} (HTTP 429). */
public final class PriorRequestNotComplete extends AwsException {
  public PriorRequestNotComplete(String message) {
    super(429, message);
  }
}
