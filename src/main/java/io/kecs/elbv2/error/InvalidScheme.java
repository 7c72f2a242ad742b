package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code InvalidScheme} (HTTP 400). */
public final class InvalidScheme extends AwsException {
  public InvalidScheme(String message) {
    super(message);
  }
}
