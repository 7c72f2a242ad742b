package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code PriorityInUse} (HTTP 400). */
public final class PriorityInUse extends AwsException {
  public PriorityInUse(String message) {
    super(message);
  }
}
