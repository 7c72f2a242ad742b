package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code ListenerNotFound} (HTTP 400). */
public final class ListenerNotFound extends AwsException {
  public ListenerNotFound(String message) {
    super(message);
  }
}
