package io.kecs.runtime.secrets;

/**
 * Where what a task reads from AWS before it starts comes from: secret values (SSM parameters,
 * Secrets Manager secrets, registry credentials) and environment files (S3 objects).
 */
public interface SecretSource {
  /** The value a reference names (for a JSON key, that key's value). */
  String value(SecretReference reference) throws SecretException;

  /**
   * The text of an environment file (UTF-8). Without an endpoint to read it from it cannot be had.
   *
   * @param region the task's region, which signs the request (S3 ARNs carry none)
   */
  default String envFile(EnvFileReference file, String region) throws SecretException {
    throw file.failure(
        "no AWS endpoint to read " + file.arn() + " from is configured (" + CONFIGURE + ")");
  }

  String CONFIGURE = "start KECS with --aws-backend";

  /** No endpoint is configured: every secret fails, worded as ECS would. */
  SecretSource NONE =
      reference -> {
        throw new SecretException(
            "unable to retrieve "
                + (reference.service() == SecretReference.Service.SSM
                    ? "secrets from ssm"
                    : "secret from asm")
                + ": no AWS endpoint to read "
                + reference.id()
                + " from is configured ("
                + CONFIGURE
                + ")");
      };
}
