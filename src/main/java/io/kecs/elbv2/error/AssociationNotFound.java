package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code AssociationNotFound} (HTTP 400). */
public final class AssociationNotFound extends AwsException {
  public AssociationNotFound(String message) {
    super(message);
  }
}
