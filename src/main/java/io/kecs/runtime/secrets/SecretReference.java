package io.kecs.runtime.secrets;

import io.kecs.identity.Arn;

/**
 * What a secret's {@code valueFrom} names. A Secrets Manager ARN may carry ECS's suffix {@code
 * :json-key:version-stage:version-id} (each part may be empty); anything else that is not an ARN is
 * the name of an SSM parameter in the task's region, as ECS allows.
 *
 * @param id what the service is asked for: the parameter name or ARN, or the secret's ARN
 * @param region the region the value lives in (signs the request)
 * @param jsonKey the key of the secret's JSON object to take, or null for the whole value
 */
public record SecretReference(
    Service service,
    String id,
    String region,
    String jsonKey,
    String versionStage,
    String versionId) {
  public enum Service {
    SSM,
    SECRETS_MANAGER
  }

  /**
   * @throws SecretException when {@code valueFrom} is an ARN of neither service
   */
  public static SecretReference parse(String valueFrom, String taskRegion) throws SecretException {
    if (!Arn.looksLikeArn(valueFrom)) {
      return new SecretReference(Service.SSM, valueFrom, taskRegion, null, null, null);
    }
    Arn arn = Arn.parse(valueFrom).orElse(null);
    if (arn != null && arn.service().equals("ssm")) {
      return new SecretReference(Service.SSM, valueFrom, region(arn, taskRegion), null, null, null);
    }
    if (arn == null
        || !arn.service().equals("secretsmanager")
        || !arn.resource().startsWith("secret:")) {
      throw new SecretException(
          "secret " + valueFrom + " is neither an SSM parameter nor a Secrets Manager secret");
    }
    // secret:NAME[:json-key[:version-stage[:version-id]]]
    String[] parts = arn.resource().split(":", -1);
    if (parts.length > 5 || parts[1].isEmpty()) {
      throw new SecretException("secret " + valueFrom + " is not a valid Secrets Manager ARN");
    }
    Arn secret =
        new Arn(arn.partition(), arn.service(), arn.region(), arn.account(), "secret:" + parts[1]);
    return new SecretReference(
        Service.SECRETS_MANAGER,
        secret.toString(),
        region(arn, taskRegion),
        part(parts, 2),
        part(parts, 3),
        part(parts, 4));
  }

  /**
   * A whole Secrets Manager secret named by its ARN or, in the task's region, by its name (as
   * {@code repositoryCredentials.credentialsParameter} allows).
   *
   * @throws SecretException when {@code nameOrArn} is an ARN of another service
   */
  public static SecretReference secretsManager(String nameOrArn, String taskRegion)
      throws SecretException {
    if (!Arn.looksLikeArn(nameOrArn)) {
      return new SecretReference(Service.SECRETS_MANAGER, nameOrArn, taskRegion, null, null, null);
    }
    Arn arn = Arn.parse(nameOrArn).orElse(null);
    if (arn == null
        || !arn.service().equals("secretsmanager")
        || !arn.resource().startsWith("secret:")) {
      throw new SecretException(
          "unable to retrieve secret from asm: " + nameOrArn + " is not a Secrets Manager secret");
    }
    return new SecretReference(
        Service.SECRETS_MANAGER, nameOrArn, region(arn, taskRegion), null, null, null);
  }

  private static String region(Arn arn, String fallback) {
    return arn.region().isEmpty() ? fallback : arn.region();
  }

  private static String part(String[] parts, int i) {
    return i < parts.length && !parts[i].isEmpty() ? parts[i] : null;
  }
}
