package io.kecs.query;

/**
 * An expression that does not parse, with ECS's message for it. This package is a leaf (the
 * Kubernetes runtime uses it too), so it throws its own exception and each user turns it into its
 * own error: ECS answers {@code InvalidParameterException} with this message.
 */
public final class InvalidQueryException extends IllegalArgumentException {
  InvalidQueryException(String message) {
    super(message);
  }
}
