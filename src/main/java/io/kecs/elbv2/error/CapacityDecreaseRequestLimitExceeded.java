package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code CapacityDecreaseRequestLimitExceeded} (HTTP 400). */
public final class CapacityDecreaseRequestLimitExceeded extends AwsException {
  public CapacityDecreaseRequestLimitExceeded(String message) {
    super(message);
  }
}
