package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code AllocationIdNotFound} (HTTP 400). */
public final class AllocationIdNotFound extends AwsException {
  public AllocationIdNotFound(String message) {
    super(message);
  }
}
