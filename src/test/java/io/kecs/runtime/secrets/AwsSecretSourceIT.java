package io.kecs.runtime.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** SSM and Secrets Manager reads against a stand-in server over real HTTP. */
class AwsSecretSourceIT {
  private static final String SECRET =
      "arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf";
  private static FakeSecretsServer aws;
  private static AwsSecretSource source;

  @BeforeAll
  static void start() throws Exception {
    aws =
        new FakeSecretsServer()
            .parameter("/prod/api/key", "k-123")
            .secret(SECRET, null, "{\"user\":\"app\",\"password\":\"s3cr3t\",\"port\":5432}")
            .secret(SECRET, "AWSPREVIOUS", "{\"password\":\"old\"}")
            .object("config", "prod/app.env", "A=1\n")
            .object("config", "odd keys/ä+b=c.env", "B=2\n")
            .checkS3Signatures("key");
    source =
        new AwsSecretSource(
            aws.endpoint(), new AwsRequestSigner(AwsCredentialsIdentity.create("AKID", "key")));
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  private static String read(String valueFrom) throws SecretException {
    return source.value(SecretReference.parse(valueFrom, "us-east-1"));
  }

  @Test
  void readsDecryptedParametersWithSignedRequests() throws Exception {
    assertThat(read("/prod/api/key")).isEqualTo("k-123");
    FakeSecretsServer.Call call = aws.calls().get(aws.calls().size() - 1);
    assertThat(call.target()).isEqualTo("AmazonSSM.GetParameter");
    assertThat(call.body().path("WithDecryption").asBoolean()).isTrue();
    assertThat(call.authorization())
        .startsWith("AWS4-HMAC-SHA256 Credential=AKID/")
        .contains("/us-east-1/ssm/aws4_request");
  }

  @Test
  void readsWholeSecretsJsonKeysAndVersionStagesInTheSecretsRegion() throws Exception {
    assertThat(read(SECRET)).startsWith("{\"user\"");
    assertThat(read(SECRET + ":password::")).isEqualTo("s3cr3t");
    assertThat(read(SECRET + ":port::")).isEqualTo("5432");
    assertThat(read(SECRET + ":password:AWSPREVIOUS:")).isEqualTo("old");
    assertThat(aws.calls().get(aws.calls().size() - 1).authorization())
        .contains("/eu-west-1/secretsmanager/aws4_request");
  }

  @Test
  void failuresReadAsEcsWordsThem() {
    assertThatThrownBy(() -> read("/missing"))
        .hasMessage(
            "unable to pull secrets or registry auth: execution resource retrieval failed: unable"
                + " to retrieve secrets from ssm: ParameterNotFound");
    assertThatThrownBy(() -> read(SECRET + ":nope::"))
        .hasMessageEndingWith(
            "unable to retrieve secret from asm: retrieved secret from Secrets Manager did not"
                + " contain json key nope");
    assertThatThrownBy(() -> read(SECRET.replace("prod/db", "other")))
        .hasMessageContaining(
            "from secrets manager: ResourceNotFoundException: Secrets Manager can't find the"
                + " specified secret.");
    AwsSecretSource nowhere =
        new AwsSecretSource(
            java.net.URI.create("http://127.0.0.1:1"),
            new AwsRequestSigner(AwsCredentialsIdentity.create("a", "b")));
    assertThatThrownBy(() -> nowhere.value(SecretReference.parse("/x", "us-east-1")))
        .hasMessageContaining(
            "unable to retrieve secrets from ssm: RequestError: send request failed");
  }

  private static String envFile(String arn) throws SecretException {
    return source.envFile(EnvFileReference.parse(arn), "eu-central-1");
  }

  @Test
  void readsEnvironmentFilesWithPathStyleSignedS3Gets() throws Exception {
    assertThat(envFile("arn:aws:s3:::config/prod/app.env")).isEqualTo("A=1\n");
    FakeSecretsServer.Call call = aws.calls().get(aws.calls().size() - 1);
    assertThat(call.target()).isEqualTo("GET /config/prod/app.env");
    assertThat(call.authorization())
        .startsWith("AWS4-HMAC-SHA256 Credential=AKID/")
        .contains("/eu-central-1/s3/aws4_request")
        .contains("x-amz-content-sha256");
    // Keys are percent-encoded once and signed as sent, as S3 checks them.
    assertThat(envFile("arn:aws:s3:::config/odd keys/ä+b=c.env")).isEqualTo("B=2\n");
    assertThat(aws.calls().get(aws.calls().size() - 1).target())
        .isEqualTo("GET /config/odd%20keys/%C3%A4%2Bb%3Dc.env");
  }

  @Test
  void environmentFilesThatCannotBeReadFailAsEcsWordsIt() {
    assertThatThrownBy(() -> envFile("arn:aws:s3:::config/missing.env"))
        .hasMessage(
            "failed to download env files: unable to download env file with key missing.env from"
                + " bucket config, error: operation error S3: GetObject, https response error"
                + " StatusCode: 404, api error NoSuchKey: The specified key does not exist.");
    AwsSecretSource wrongKey =
        new AwsSecretSource(
            aws.endpoint(), new AwsRequestSigner(AwsCredentialsIdentity.create("AKID", "nope")));
    assertThatThrownBy(
            () ->
                wrongKey.envFile(
                    EnvFileReference.parse("arn:aws:s3:::config/prod/app.env"), "us-east-1"))
        .hasMessageContaining("StatusCode: 403, api error SignatureDoesNotMatch: ");
    AwsSecretSource nowhere =
        new AwsSecretSource(
            java.net.URI.create("http://127.0.0.1:1"),
            new AwsRequestSigner(AwsCredentialsIdentity.create("a", "b")));
    assertThatThrownBy(
            () -> nowhere.envFile(EnvFileReference.parse("arn:aws:s3:::b/k.env"), "us-east-1"))
        .hasMessageStartingWith(
            "failed to download env files: unable to download env file with key k.env from bucket"
                + " b, error: operation error S3: GetObject, request send failed, Get"
                + " \"http://127.0.0.1:1/b/k.env\": ");
  }
}
