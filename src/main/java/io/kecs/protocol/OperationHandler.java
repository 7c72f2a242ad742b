package io.kecs.protocol;

import software.amazon.awssdk.core.SdkPojo;

/** Serves one operation: a typed request in, a typed response out, or an {@link AwsException}. */
@FunctionalInterface
public interface OperationHandler<Q extends SdkPojo, R extends SdkPojo> {
  R handle(RequestContext context, Q request);
}
