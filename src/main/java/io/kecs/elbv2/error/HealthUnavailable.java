package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code HealthUnavailable} (HTTP 500). */
public final class HealthUnavailable extends AwsException {
  public HealthUnavailable(String message) {
    super(500, message);
  }
}
