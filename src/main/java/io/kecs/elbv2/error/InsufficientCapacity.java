package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code InsufficientCapacity} (HTTP 500). */
public final class InsufficientCapacity extends AwsException {
  public InsufficientCapacity(String message) {
    super(500, message);
  }
}
