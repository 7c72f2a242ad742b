package io.kecs.elbv2.error;

import io.kecs.protocol.AwsException;

/** The ELBv2 error {@code InvalidConfigurationRequest} (HTTP 400). */
public final class InvalidConfigurationRequest extends AwsException {
  public InvalidConfigurationRequest(String message) {
    super(message);
  }
}
