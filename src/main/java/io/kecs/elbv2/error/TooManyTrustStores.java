package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyTrustStores} (HTTP 400). */
public final class TooManyTrustStores extends AwsException {
  public TooManyTrustStores(String message) {
    super(message);
  }
}
