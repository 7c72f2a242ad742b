package io.kecs.runtime.secrets;

/** Where secret values come from. */
public interface SecretSource {
  /** The value a reference names (for a JSON key, that key's value). */
  String value(SecretReference reference) throws SecretException;

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
                + " from is configured (start KECS with --secrets-endpoint)");
      };
}
