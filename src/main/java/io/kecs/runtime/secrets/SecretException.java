package io.kecs.runtime.secrets;

/**
 * A secret could not be retrieved. The message reads as what follows {@code
 * "ResourceInitializationError: "} in the stopped reason of a task ECS could not start, e.g. {@code
 * unable to pull secrets or registry auth: execution resource retrieval failed: ...}.
 */
public final class SecretException extends Exception {
  private static final long serialVersionUID = 1L;
  static final String PREFIX =
      "unable to pull secrets or registry auth: execution resource retrieval failed: ";

  public SecretException(String detail) {
    super(PREFIX + detail);
  }
}
