package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code DuplicateListener} (HTTP 400). */
public final class DuplicateListener extends AwsException {
  public DuplicateListener(String message) {
    super(message);
  }
}
