package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code DuplicateLoadBalancerName} (HTTP 400). */
public final class DuplicateLoadBalancerName extends AwsException {
  public DuplicateLoadBalancerName(String message) {
    super(message);
  }
}
