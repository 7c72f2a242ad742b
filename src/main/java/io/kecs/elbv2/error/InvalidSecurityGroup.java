package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code InvalidSecurityGroup} (HTTP 400). */
public final class InvalidSecurityGroup extends AwsException {
  public InvalidSecurityGroup(String message) {
    super(message);
  }
}
