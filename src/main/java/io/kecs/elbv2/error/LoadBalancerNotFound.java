package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code LoadBalancerNotFound} (HTTP 400). */
public final class LoadBalancerNotFound extends AwsException {
  public LoadBalancerNotFound(String message) {
    super(message);
  }
}
