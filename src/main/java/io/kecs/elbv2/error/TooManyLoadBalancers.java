package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyLoadBalancers} (HTTP 400). */
public final class TooManyLoadBalancers extends AwsException {
  public TooManyLoadBalancers(String message) {
    super(message);
  }
}
