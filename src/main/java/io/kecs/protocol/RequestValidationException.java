package io.kecs.protocol;

/**
 * A request that parsed as JSON but breaks the model (a missing required member, an unknown enum
 * value). Each service answers it with its own validation error code.
 */
public final class RequestValidationException extends RuntimeException {
  public RequestValidationException(String message) {
    super(message, null, false, false);
  }
}
