package io.kecs.runtime.secrets;

import io.kecs.identity.Arn;

/**
 * The S3 object an {@code environmentFiles} entry names: {@code arn:aws:s3:::bucket/key}.
 *
 * @param arn the entry's {@code value} as given
 */
public record EnvFileReference(String arn, String bucket, String key) {
  /**
   * @throws SecretException worded as the ECS agent words it when {@code value} is no S3 object ARN
   */
  public static EnvFileReference parse(String value) throws SecretException {
    Arn arn = Arn.parse(value).orElse(null);
    String problem = null;
    if (arn == null) {
      problem = "not an ARN";
    } else if (!arn.service().equals("s3")) {
      problem = "not an S3 ARN";
    } else if (arn.resourceType().isEmpty() || arn.resourcePath().isEmpty()) {
      problem = "an S3 object ARN is arn:aws:s3:::bucket/key";
    }
    if (problem != null) {
      throw SecretException.envFile(
          "unable to parse bucket and key from s3 ARN specified in environmentFile "
              + value
              + ", error: "
              + problem);
    }
    return new EnvFileReference(value, arn.resourceType(), arn.resourcePath());
  }

  /** Wraps why the object could not be read as the ECS agent does. */
  public SecretException failure(String why) {
    return SecretException.envFile(
        "unable to download env file with key "
            + key
            + " from bucket "
            + bucket
            + ", error: "
            + why);
  }
}
