package io.kecs.ecs.error;

import io.kecs.protocol.AwsException;

/** The ECS error {@code ServiceDeploymentNotFoundException} (HTTP 400). */
public final class ServiceDeploymentNotFoundException extends AwsException {
  public ServiceDeploymentNotFoundException(String message) {
    super(message);
  }
}
