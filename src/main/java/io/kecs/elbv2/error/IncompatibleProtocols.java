package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code IncompatibleProtocols} (HTTP 400). */
public final class IncompatibleProtocols extends AwsException {
  public IncompatibleProtocols(String message) {
    super(message);
  }
}
