package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyTags} (HTTP 400). */
public final class TooManyTags extends AwsException {
  public TooManyTags(String message) {
    super(message);
  }
}
