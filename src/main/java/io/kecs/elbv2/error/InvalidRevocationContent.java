package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code InvalidRevocationContent} (HTTP 400). */
public final class InvalidRevocationContent extends AwsException {
  public InvalidRevocationContent(String message) {
    super(message);
  }
}
