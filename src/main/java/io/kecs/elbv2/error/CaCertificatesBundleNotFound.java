package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code CaCertificatesBundleNotFound} (HTTP 400). */
public final class CaCertificatesBundleNotFound extends AwsException {
  public CaCertificatesBundleNotFound(String message) {
    super(message);
  }
}
