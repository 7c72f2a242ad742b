package io.kecs.http.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;

/**
 * {@code --verify-signatures}: the AWS SDK for Java v2 and the AWS CLI v2 are served with a key
 * from the credentials file and refused, with AWS's error codes, with a wrong secret, an unknown
 * key, no signature or a clock 20 minutes off; form-encoded (awsQuery) and S3-style requests
 * (UNSIGNED-PAYLOAD, presigned URL) are verified the same way.
 */
class SignatureIT {
  private static final String KEY = "AKIAKECSTEST00000001";
  private static final String SECRET = "kecs/Secret+Key0000000000000000000000000";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** How S3 clients sign: the path as sent (encoded once, not normalised), payload unsigned. */
  private static final Map<Object, Object> S3_STYLE =
      Map.of(
          AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false,
          AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false,
          AwsV4FamilyHttpSigner.NORMALIZE_PATH, false);

  private static KecsServer kecs;

  @BeforeAll
  static void start() throws Exception {
    Path credentials = Files.createTempFile("kecs-credentials", ".ini");
    Files.writeString(
        credentials,
        "[default]\naws_access_key_id = " + KEY + "\naws_secret_access_key = " + SECRET + "\n");
    kecs =
        KecsServer.start(
            ServerConfig.forTests().toBuilder()
                .verifySignatures(true)
                .credentialsFile(credentials)
                .build());
  }

  @AfterAll
  static void stop() {
    kecs.close();
  }

  private static EcsClient ecs(String key, String secret) {
    return EcsClient.builder()
        .endpointOverride(kecs.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  @Test
  void theSdkIsServedWithTheRightKeyAndRefusedWithWrongOnes() {
    try (EcsClient right = ecs(KEY, SECRET)) {
      right.createCluster(r -> r.clusterName("signed"));
      assertThat(right.listClusters().clusterArns()).anyMatch(a -> a.endsWith("/signed"));
    }
    try (EcsClient wrongSecret = ecs(KEY, "not-the-secret")) {
      assertThatThrownBy(() -> wrongSecret.createCluster(r -> r.clusterName("forged")))
          .isInstanceOfSatisfying(
              EcsException.class,
              e -> {
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage())
                    .contains("does not match the signature you provided");
              });
    }
    try (EcsClient unknown = ecs("AKIAUNKNOWN000000000", SECRET)) {
      assertThatThrownBy(unknown::listClusters)
          .isInstanceOfSatisfying(
              EcsException.class,
              e ->
                  assertThat(e.awsErrorDetails().errorCode())
                      .isEqualTo("UnrecognizedClientException"));
    }
    try (EcsClient right = ecs(KEY, SECRET)) {
      assertThat(right.listClusters().clusterArns()).noneMatch(a -> a.endsWith("/forged"));
    }
  }

  @Test
  void unsignedIncompleteAndSkewedRequestsAreRefused() throws Exception {
    HttpResponse<String> unsigned =
        HTTP.send(
            HttpRequest.newBuilder(kecs.endpoint())
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.headers().firstValue("x-amzn-ErrorType"))
        .contains("MissingAuthenticationTokenException");

    HttpResponse<String> incomplete =
        HTTP.send(
            HttpRequest.newBuilder(kecs.endpoint())
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")
                .header("Content-Type", "application/x-amz-json-1.1")
                .header(
                    "Authorization",
                    "AWS4-HMAC-SHA256 Credential=" + KEY + "/20260101/us-east-1/ecs/aws4_request")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(incomplete.statusCode()).isEqualTo(400);
    assertThat(incomplete.body())
        .contains("IncompleteSignatureException")
        .contains("requires 'Signature' parameter");

    Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20));
    HttpResponse<String> skewed = send(signedJson(late, SECRET));
    assertThat(skewed.statusCode()).isEqualTo(403);
    assertThat(skewed.body()).contains("InvalidSignatureException").contains("Signature expired");

    HttpResponse<String> fine = send(signedJson(Clock.systemUTC(), SECRET));
    assertThat(fine.statusCode()).as(fine.body()).isEqualTo(200);
  }

  @Test
  void formEncodedAndS3StyleRequestsAreVerifiedToo() throws Exception {
    byte[] form =
        "Action=DescribeLoadBalancers&Version=2015-12-01".getBytes(StandardCharsets.UTF_8);
    SdkHttpFullRequest query =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(kecs.endpoint())
            .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .contentStreamProvider(ContentStreamProvider.fromByteArray(form))
            .build();
    HttpResponse<String> wrong = send(sign(query, "elasticloadbalancing", SECRET + "x", Map.of()));
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body())
        .contains("<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>");
    HttpResponse<String> right = send(sign(query, "elasticloadbalancing", SECRET, Map.of()));
    assertThat(right.statusCode()).as("past the guard: no awsQuery service yet").isNotEqualTo(403);

    SdkHttpFullRequest object =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.PUT)
            .uri(kecs.endpoint().resolve("/my-bucket/dir/a%20key.txt"))
            .contentStreamProvider(ContentStreamProvider.fromUtf8String("hello"))
            .build();
    HttpResponse<String> unsignedPayload = send(sign(object, "s3", SECRET, S3_STYLE));
    assertThat(unsignedPayload.statusCode()).as(unsignedPayload.body()).isNotEqualTo(403);
    HttpResponse<String> badPayload = send(sign(object, "s3", "wrong", S3_STYLE));
    assertThat(badPayload.statusCode()).isEqualTo(403);

    // A signed payload hash must match the bytes that arrive.
    Map<Object, Object> signedPayload = new java.util.HashMap<>(S3_STYLE);
    signedPayload.put(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true);
    SdkHttpFullRequest signedPut = sign(object, "s3", SECRET, signedPayload);
    assertThat(send(signedPut).statusCode()).isNotEqualTo(403).isNotEqualTo(400);
    HttpResponse<String> swapped =
        send(
            signedPut.toBuilder()
                .contentStreamProvider(ContentStreamProvider.fromUtf8String("HELLO"))
                .build());
    assertThat(swapped.statusCode()).isEqualTo(400);
    assertThat(swapped.body()).contains("XAmzContentSHA256Mismatch");

    SdkHttpFullRequest get =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.GET)
            .uri(kecs.endpoint().resolve("/my-bucket/a.txt?versionId=3"))
            .build();
    Map<Object, Object> presign =
        Map.of(
            AwsV4FamilyHttpSigner.AUTH_LOCATION,
            AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING,
            AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED,
            false);
    assertThat(send(sign(get, "s3", SECRET, presign)).statusCode()).isNotEqualTo(403);
    assertThat(send(sign(get, "s3", "wrong", presign)).statusCode()).isEqualTo(403);
  }

  @Test
  void theAwsCliIsServedWithTheRightKeyAndRefusedWithAWrongOne() throws Exception {
    Path aws = Path.of(System.getenv().getOrDefault("KECS_AWS_CLI", "/usr/bin/aws"));
    if (System.getenv("CI") == null) {
      assumeThat(Files.isExecutable(aws)).as("AWS CLI v2 (apt-get install awscli)").isTrue();
    }
    CliResult ok = cli(aws, SECRET, "ecs", "list-clusters");
    assertThat(ok.exit()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("clusterArns");
    CliResult bad = cli(aws, "wrong-secret", "ecs", "list-clusters");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.output()).contains("InvalidSignatureException");
  }

  private record CliResult(int exit, String output) {}

  private static CliResult cli(Path aws, String secret, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                aws.toString(),
                "--endpoint-url",
                kecs.endpoint().toString(),
                "--region",
                "us-east-1"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("AWS_ACCESS_KEY_ID", KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", secret);
    pb.environment().put("AWS_MAX_ATTEMPTS", "1");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    pb.environment().remove("AWS_PROFILE");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new CliResult(p.exitValue(), out);
  }

  private static SdkHttpRequest signedJson(Clock clock, String secret) {
    SdkHttpFullRequest r =
        SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(kecs.endpoint())
            .putHeader("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .contentStreamProvider(ContentStreamProvider.fromUtf8String("{}"))
            .build();
    return sign(r, "ecs", secret, Map.of(HttpSigner.SIGNING_CLOCK, clock));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static SdkHttpFullRequest sign(
      SdkHttpFullRequest r, String service, String secret, Map<?, ?> extra) {
    var signed =
        AwsV4HttpSigner.create()
            .sign(
                s -> {
                  s.identity(AwsCredentialsIdentity.create(KEY, secret))
                      .request(r)
                      .payload(r.contentStreamProvider().orElse(null))
                      .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                      .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1");
                  extra.forEach(
                      (k, v) ->
                          s.putProperty(
                              (software.amazon.awssdk.http.auth.spi.signer.SignerProperty) k, v));
                });
    return SdkHttpFullRequest.builder()
        .method(signed.request().method())
        .uri(signed.request().getUri())
        .headers(signed.request().headers())
        .contentStreamProvider(r.contentStreamProvider().orElse(null))
        .build();
  }

  private static HttpResponse<String> send(SdkHttpRequest r) throws Exception {
    return send((SdkHttpFullRequest) r);
  }

  private static HttpResponse<String> send(SdkHttpFullRequest r) throws Exception {
    byte[] body =
        r.contentStreamProvider().isPresent()
            ? r.contentStreamProvider().get().newStream().readAllBytes()
            : new byte[0];
    HttpRequest.Builder b =
        HttpRequest.newBuilder(r.getUri())
            .method(
                r.method().name(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    r.headers()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> b.header(name, v));
              }
            });
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
