package io.kecs.elbv2.truststore;

import io.kecs.protocol.AwsException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Reads S3 objects from the AWS backend ({@code --aws-backend}) by path-style URL, signed with
 * SigV4 under fixed credentials (the emulators KECS is used with, moto and MiniStack, want a
 * signature but do not check whose).
 */
final class S3Objects {
  private final URI backend;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  S3Objects(URI backend) {
    this.backend = backend;
  }

  /**
   * A URL clients can download the object from: presigned for an hour, as ELBv2 answers; without a
   * backend, the object's {@code s3://} address.
   */
  String presigned(String bucket, String key, String version) {
    if (backend == null) {
      return location(bucket, key, version);
    }
    return sign(URI.create(location(bucket, key, version)), true).getUri().toString();
  }

  private String location(String bucket, String key, String version) {
    String base =
        backend == null
            ? "s3://" + bucket + "/" + key
            : backend.toString().replaceAll("/$", "") + "/" + bucket + "/" + encodePath(key);
    return version == null || backend == null
        ? base
        : base + "?versionId=" + URLEncoder.encode(version, StandardCharsets.UTF_8);
  }

  /**
   * @param notFound the ELBv2 error for a missing object
   */
  byte[] get(String bucket, String key, String version, Function<String, AwsException> notFound) {
    String where = "s3://" + bucket + "/" + key;
    if (backend == null) {
      throw notFound.apply(
          "Cannot read "
              + where
              + ": KECS reads S3 objects through an AWS backend, and none is configured"
              + " (--aws-backend)");
    }
    try {
      URI uri = URI.create(location(bucket, key, version));
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
      sign(uri, false)
          .headers()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase("Host")) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<byte[]> r =
          http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw notFound.apply("Cannot read " + where + " (HTTP " + r.statusCode() + ")");
      }
      return r.body();
    } catch (IOException e) {
      throw notFound.apply("Cannot read " + where + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notFound.apply("Interrupted reading " + where);
    }
  }

  /**
   * A SigV4-signed GET with fixed test credentials: the backends check that a request is signed,
   * not by whom (KECS does not hold the caller's secret key).
   */
  private static SdkHttpRequest sign(URI uri, boolean presign) {
    return AwsV4HttpSigner.create()
        .sign(
            r -> {
              r.identity(AwsCredentialsIdentity.create("kecs", "kecs"))
                  .request(SdkHttpRequest.builder().uri(uri).method(SdkHttpMethod.GET).build())
                  .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                  .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1");
              if (presign) {
                r.putProperty(
                        AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, Duration.ofHours(1));
              }
            })
        .request();
  }

  private static String encodePath(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
  }
}
