package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code ALPNPolicyNotFound} (HTTP 400). */
public final class ALPNPolicyNotFound extends AwsException {
  public ALPNPolicyNotFound(String message) {
    super(message);
  }
}
