package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TrustStoreNotReady} (HTTP 400). */
public final class TrustStoreNotReady extends AwsException {
  public TrustStoreNotReady(String message) {
    super(message);
  }
}
