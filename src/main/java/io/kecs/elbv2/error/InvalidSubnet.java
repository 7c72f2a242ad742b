package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code InvalidSubnet} (HTTP 400). */
public final class InvalidSubnet extends AwsException {
  public InvalidSubnet(String message) {
    super(message);
  }
}
