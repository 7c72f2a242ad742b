package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code CertificateNotFound} (HTTP 400). */
public final class CertificateNotFound extends AwsException {
  public CertificateNotFound(String message) {
    super(message);
  }
}
