package io.kecs.servicediscovery.error;

import io.kecs.protocol.AwsException;
import java.util.Map;

/** The Cloud Map error {@code InstanceNotFound} (HTTP 400). */
public final class InstanceNotFound extends AwsException {
  public InstanceNotFound(String message) {
    super(message);
  }

  /** With the extra members the model gives this error (e.g. the id of what already exists). */
  public InstanceNotFound(String message, Map<String, String> details) {
    super(message, details);
  }
}
