package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyRules} (HTTP 400). */
public final class TooManyRules extends AwsException {
  public TooManyRules(String message) {
    super(message);
  }
}
