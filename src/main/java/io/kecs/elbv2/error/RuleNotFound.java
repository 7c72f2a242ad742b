package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code RuleNotFound} (HTTP 400). */
public final class RuleNotFound extends AwsException {
  public RuleNotFound(String message) {
    super(message);
  }
}
