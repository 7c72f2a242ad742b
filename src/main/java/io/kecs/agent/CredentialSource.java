package io.kecs.agent;

/** Where a role's temporary credentials come from: the AWS backend's STS, or KECS itself. */
interface CredentialSource {
  /**
   * Credentials for {@code roleArn}, for the task {@code taskId} (the session name).
   *
   * @throws CredentialsUnavailableException when the source cannot issue them
   */
  RoleCredentials issue(String roleArn, String taskId, String region);

  /** The source cannot issue credentials now (the backend refused or did not answer). */
  final class CredentialsUnavailableException extends RuntimeException {
    CredentialsUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
