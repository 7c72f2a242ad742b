package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code InvalidCaCertificatesBundle} (HTTP 400). */
public final class InvalidCaCertificatesBundle extends AwsException {
  public InvalidCaCertificatesBundle(String message) {
    super(message);
  }
}
