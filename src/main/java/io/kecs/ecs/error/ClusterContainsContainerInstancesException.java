package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ClusterContainsContainerInstancesException} (HTTP 400). */
public final class ClusterContainsContainerInstancesException extends AwsException {
  public ClusterContainsContainerInstancesException(String message) {
    super(message);
  }
}
