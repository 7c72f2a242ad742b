package io.kecs.servicediscovery.error;

import io.kecs.protocol.AwsException;
import java.util.Map;

/** The Cloud Map error {@code ServiceAttributesLimitExceededException} (HTTP 400). */
public final class ServiceAttributesLimitExceededException extends AwsException {
  public ServiceAttributesLimitExceededException(String message) {
    super(message);
  }

  /** With the extra members the model gives this error (e.g. the id of what already exists). */
  public ServiceAttributesLimitExceededException(String message, Map<String, String> details) {
    super(message, details);
  }
}
