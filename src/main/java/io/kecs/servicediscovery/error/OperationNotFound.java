package io.kecs.servicediscovery.error;

import io.kecs.protocol.AwsException;
import java.util.Map;

/** The Cloud Map error {@code OperationNotFound} (HTTP 400). */
public final class OperationNotFound extends AwsException {
  public OperationNotFound(String message) {
    super(message);
  }

  /** With the extra members the model gives this error (e.g. the id of what already exists). */
  public OperationNotFound(String message, Map<String, String> details) {
    super(message, details);
  }
}
