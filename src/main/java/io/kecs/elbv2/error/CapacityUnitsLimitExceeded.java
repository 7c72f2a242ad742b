package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code CapacityUnitsLimitExceeded} (HTTP 400). */
public final class CapacityUnitsLimitExceeded extends AwsException {
  public CapacityUnitsLimitExceeded(String message) {
    super(message);
  }
}
