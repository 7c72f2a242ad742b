package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code DuplicateTagKeys} (HTTP 400). */
public final class DuplicateTagKeys extends AwsException {
  public DuplicateTagKeys(String message) {
    super(message);
  }
}
