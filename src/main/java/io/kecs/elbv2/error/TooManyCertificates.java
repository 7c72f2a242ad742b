package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyCertificates} (HTTP 400). */
public final class TooManyCertificates extends AwsException {
  public TooManyCertificates(String message) {
    super(message);
  }
}
