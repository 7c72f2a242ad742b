package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code UnsupportedProtocol} (HTTP 400). */
public final class UnsupportedProtocol extends AwsException {
  public UnsupportedProtocol(String message) {
    super(message);
  }
}
