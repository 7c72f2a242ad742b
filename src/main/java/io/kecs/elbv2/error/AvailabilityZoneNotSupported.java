package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code AvailabilityZoneNotSupported} (HTTP 400). */
public final class AvailabilityZoneNotSupported extends AwsException {
  public AvailabilityZoneNotSupported(String message) {
    super(message);
  }
}
