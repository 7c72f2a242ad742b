package io.kecs.runtime;

/**
 * The chosen runtime cannot be used (e.g. its Kubernetes API server cannot be reached). KECS does
 * not start rather than quietly run another runtime.
 */
public final class RuntimeUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RuntimeUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public RuntimeUnavailableException(String message) {
    super(message);
  }
}
