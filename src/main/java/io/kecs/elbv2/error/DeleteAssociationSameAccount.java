package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code DeleteAssociationSameAccount} (HTTP 400). */
public final class DeleteAssociationSameAccount extends AwsException {
  public DeleteAssociationSameAccount(String message) {
    super(message);
  }
}
