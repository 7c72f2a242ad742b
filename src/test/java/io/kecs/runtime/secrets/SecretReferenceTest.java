package io.kecs.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretReferenceTest {
  @Test
  void aNameIsAnSsmParameterOfTheTasksRegion() throws Exception {
    assertThat(SecretReference.parse("/prod/db/password", "eu-west-1"))
        .isEqualTo(
            new SecretReference(
                SecretReference.Service.SSM, "/prod/db/password", "eu-west-1", null, null, null));
  }

  @Test
  void anSsmArnIsAskedForAsItIsInItsOwnRegion() throws Exception {
    String arn = "arn:aws:ssm:us-west-2:111122223333:parameter/prod/db";
    SecretReference ref = SecretReference.parse(arn, "us-east-1");
    assertThat(ref.service()).isEqualTo(SecretReference.Service.SSM);
    assertThat(ref.id()).isEqualTo(arn);
    assertThat(ref.region()).isEqualTo("us-west-2");
  }

  @Test
  void aSecretsManagerArnMayNameAJsonKeyStageAndVersion() throws Exception {
    String secret = "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/db-AbCdEf";
    assertThat(SecretReference.parse(secret, "us-east-1"))
        .isEqualTo(
            new SecretReference(
                SecretReference.Service.SECRETS_MANAGER, secret, "us-east-1", null, null, null));
    assertThat(SecretReference.parse(secret + ":password::", "us-east-1").jsonKey())
        .isEqualTo("password");
    SecretReference full =
        SecretReference.parse(secret + ":password:AWSPREVIOUS:0123-abcd", "us-east-1");
    assertThat(full.id()).isEqualTo(secret);
    assertThat(full.versionStage()).isEqualTo("AWSPREVIOUS");
    assertThat(full.versionId()).isEqualTo("0123-abcd");
    assertThat(SecretReference.parse(secret + "::AWSCURRENT:", "us-east-1").jsonKey()).isNull();
  }

  @Test
  void otherArnsAreRefusedInEcsWords() {
    assertThatThrownBy(() -> SecretReference.parse("arn:aws:s3:::bucket/key", "us-east-1"))
        .isInstanceOf(SecretException.class)
        .hasMessage(
            "unable to pull secrets or registry auth: execution resource retrieval failed: secret"
                + " arn:aws:s3:::bucket/key is neither an SSM parameter nor a Secrets Manager"
                + " secret");
    assertThatThrownBy(
            () ->
                SecretReference.parse(
                    "arn:aws:secretsmanager:us-east-1:1:secret:a:b:c:d:e", "us-east-1"))
        .isInstanceOf(SecretException.class);
  }

  @Test
  void registryCredentialsNameASecretsManagerSecretByArnOrByNameInTheTasksRegion()
      throws Exception {
    assertThat(SecretReference.secretsManager("registry/creds", "eu-west-1"))
        .isEqualTo(
            new SecretReference(
                SecretReference.Service.SECRETS_MANAGER,
                "registry/creds",
                "eu-west-1",
                null,
                null,
                null));
    String arn = "arn:aws:secretsmanager:us-west-2:111122223333:secret:registry/creds-AbC123";
    SecretReference ref = SecretReference.secretsManager(arn, "eu-west-1");
    assertThat(ref.id()).isEqualTo(arn);
    assertThat(ref.region()).isEqualTo("us-west-2");
    assertThatThrownBy(
            () ->
                SecretReference.secretsManager(
                    "arn:aws:ssm:us-east-1:111122223333:parameter/x", "us-east-1"))
        .hasMessageEndingWith("is not a Secrets Manager secret");
  }

  @Test
  void environmentFilesAreS3ObjectArns() throws Exception {
    assertThat(EnvFileReference.parse("arn:aws:s3:::my-bucket/dir/app.env"))
        .isEqualTo(
            new EnvFileReference("arn:aws:s3:::my-bucket/dir/app.env", "my-bucket", "dir/app.env"));
    assertThatThrownBy(() -> EnvFileReference.parse("s3://my-bucket/app.env"))
        .hasMessage(
            "failed to download env files: unable to parse bucket and key from s3 ARN specified"
                + " in environmentFile s3://my-bucket/app.env, error: not an ARN");
    assertThatThrownBy(() -> EnvFileReference.parse("arn:aws:s3:::my-bucket"))
        .hasMessageEndingWith("error: an S3 object ARN is arn:aws:s3:::bucket/key");
    assertThatThrownBy(() -> EnvFileReference.parse("arn:aws:ssm:us-east-1:1:parameter/x"))
        .hasMessageEndingWith("error: not an S3 ARN");
  }
}
