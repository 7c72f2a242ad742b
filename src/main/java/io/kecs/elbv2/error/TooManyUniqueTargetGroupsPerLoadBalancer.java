package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code TooManyUniqueTargetGroupsPerLoadBalancer} (HTTP 400). */
public final class TooManyUniqueTargetGroupsPerLoadBalancer extends AwsException {
  public TooManyUniqueTargetGroupsPerLoadBalancer(String message) {
    super(message);
  }
}
