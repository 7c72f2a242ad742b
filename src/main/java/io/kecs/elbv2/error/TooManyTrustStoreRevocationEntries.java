package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyTrustStoreRevocationEntries} (HTTP 400). */
public final class TooManyTrustStoreRevocationEntries extends AwsException {
  public TooManyTrustStoreRevocationEntries(String message) {
    super(message);
  }
}
