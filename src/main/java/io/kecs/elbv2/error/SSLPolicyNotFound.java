package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code SSLPolicyNotFound} (HTTP 400). */
public final class SSLPolicyNotFound extends AwsException {
  public SSLPolicyNotFound(String message) {
    super(message);
  }
}
