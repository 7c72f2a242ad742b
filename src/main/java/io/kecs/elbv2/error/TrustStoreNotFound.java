package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TrustStoreNotFound} (HTTP 400). */
public final class TrustStoreNotFound extends AwsException {
  public TrustStoreNotFound(String message) {
    super(message);
  }
}
