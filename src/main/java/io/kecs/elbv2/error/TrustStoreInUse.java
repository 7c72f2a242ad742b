package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TrustStoreInUse} (HTTP 400). */
public final class TrustStoreInUse extends AwsException {
  public TrustStoreInUse(String message) {
    super(message);
  }
}
