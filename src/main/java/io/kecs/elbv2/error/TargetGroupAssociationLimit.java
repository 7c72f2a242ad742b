package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TargetGroupAssociationLimit} (HTTP 400). */
public final class TargetGroupAssociationLimit extends AwsException {
  public TargetGroupAssociationLimit(String message) {
    super(message);
  }
}
