package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code TaskSetNotFoundException} (HTTP 400). */
public final class TaskSetNotFoundException extends AwsException {
  public TaskSetNotFoundException(String message) {
    super(message);
  }
}
