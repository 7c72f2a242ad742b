package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code CapacityReservationPending} (HTTP 400). */
public final class CapacityReservationPending extends AwsException {
  public CapacityReservationPending(String message) {
    super(message);
  }
}
