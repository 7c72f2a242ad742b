package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ClusterContainsTasksException} (HTTP 400). */
public final class ClusterContainsTasksException extends AwsException {
  public ClusterContainsTasksException(String message) {
    super(message);
  }
}
