package io.kecs.runtime.secrets;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs awsJson requests and S3 object reads with Signature Version 4 (the SDK's signer, already on
 * the class path for the ECS model). LocalStack and moto take any key but read the region and
 * account from the signature; AWS itself needs real keys. Keys come from {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}, else {@code test}/{@code test}.
 */
public final class AwsRequestSigner {
  /** Headers the JDK HTTP client sets itself and refuses to be given. */
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection");

  /** SHA-256 of no bytes, the payload hash of a request without a body. */
  static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private final AwsCredentialsIdentity credentials;

  public AwsRequestSigner(AwsCredentialsIdentity credentials) {
    this.credentials = credentials;
  }

  public static AwsRequestSigner fromEnvironment() {
    String key = System.getenv("AWS_ACCESS_KEY_ID");
    String secret = System.getenv("AWS_SECRET_ACCESS_KEY");
    String token = System.getenv("AWS_SESSION_TOKEN");
    if (key == null || key.isBlank() || secret == null) {
      return new AwsRequestSigner(AwsCredentialsIdentity.create("test", "test"));
    }
    return new AwsRequestSigner(
        token == null || token.isBlank()
            ? AwsCredentialsIdentity.create(key, secret)
            : AwsSessionCredentialsIdentity.create(key, secret, token));
  }

  /** The headers of a signed awsJson 1.1 POST of {@code payload} to {@code endpoint}. */
  Map<String, String> sign(
      URI endpoint, String target, String service, String region, byte[] payload) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .uri(endpoint)
            .method(SdkHttpMethod.POST)
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", target)
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    return headers(signed);
  }

  /**
   * The headers of a signed S3 {@code GET} of {@code url} (a path-style object URL, its key already
   * percent-encoded). S3 signs the path as sent (no second encoding, no normalising) and wants the
   * payload's hash in {@code x-amz-content-sha256}: that of the empty body.
   */
  Map<String, String> signS3Get(URI url, String region) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .uri(url)
            .method(SdkHttpMethod.GET)
            .putHeader("x-amz-content-sha256", EMPTY_SHA256)
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                        .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
    return headers(signed);
  }

  private static Map<String, String> headers(SignedRequest signed) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> h : signed.request().headers().entrySet()) {
      if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        headers.put(h.getKey(), String.join(",", h.getValue()));
      }
    }
    return headers;
  }
}
