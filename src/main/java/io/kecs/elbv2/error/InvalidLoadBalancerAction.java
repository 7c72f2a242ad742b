package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code InvalidLoadBalancerAction} (HTTP 400). */
public final class InvalidLoadBalancerAction extends AwsException {
  public InvalidLoadBalancerAction(String message) {
    super(message);
  }
}
