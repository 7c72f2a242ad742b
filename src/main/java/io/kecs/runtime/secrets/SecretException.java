package io.kecs.runtime.secrets;

/**
 * What a task needs from AWS before its containers start (an ECS "execution resource": a secret,
 * registry credentials, an environment file) could not be retrieved. The message reads as what
 * follows {@code "ResourceInitializationError: "} in the stopped reason of a task ECS could not
 * start, e.g. {@code unable to pull secrets or registry auth: execution resource retrieval failed:
 * ...} or {@code failed to download env files: ...}.
 */
public final class SecretException extends Exception {
  private static final long serialVersionUID = 1L;
  static final String PREFIX =
      "unable to pull secrets or registry auth: execution resource retrieval failed: ";
  static final String ENV_FILES = "failed to download env files: ";

  /** A secret or registry credential: {@code detail} follows ECS's common prefix. */
  public SecretException(String detail) {
    super(PREFIX + detail);
  }

  /** {@code message} is the whole message (the flag only tells this constructor apart). */
  private SecretException(String message, boolean whole) {
    super(message);
  }

  /** An environment file could not be read. */
  public static SecretException envFile(String detail) {
    return new SecretException(ENV_FILES + detail, true);
  }
}
