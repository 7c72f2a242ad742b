package io.kecs.runtime.secrets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads S3 objects with the REST {@code GetObject} call, path-style ({@code GET
 * {endpoint}/{bucket}/{key}}), as LocalStack and moto serve it on one endpoint with every other
 * service. Failures are worded as the AWS SDK for Go v2 prints them, which is what ECS shows.
 */
final class S3Objects {
  private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");
  private static final Pattern MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

  private final URI endpoint;
  private final AwsRequestSigner signer;
  private final HttpClient http;
  private final Duration timeout;

  S3Objects(URI endpoint, AwsRequestSigner signer, HttpClient http, Duration timeout) {
    this.endpoint = endpoint;
    this.signer = signer;
    this.http = http;
    this.timeout = timeout;
  }

  String text(EnvFileReference file, String region) throws SecretException {
    URI url = url(endpoint, file.bucket(), file.key());
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).GET();
    signer.signS3Get(url, region).forEach(request::header);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw file.failure(
          "operation error S3: GetObject, request send failed, Get \"" + url + "\": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw file.failure("operation error S3: GetObject, canceled, context canceled");
    }
    String body = new String(response.body(), StandardCharsets.UTF_8);
    if (response.statusCode() / 100 != 2) {
      throw file.failure(
          "operation error S3: GetObject, https response error StatusCode: "
              + response.statusCode()
              + ", api error "
              + error(response.statusCode(), body));
    }
    return body;
  }

  /** {@code endpoint/bucket/key}, the key percent-encoded segment by segment. */
  static URI url(URI endpoint, String bucket, String key) {
    String base = endpoint.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    StringBuilder path = new StringBuilder(base).append('/').append(encode(bucket));
    for (String segment : key.split("/", -1)) {
      path.append('/').append(encode(segment));
    }
    return URI.create(path.toString());
  }

  /** RFC 3986 encoding of everything but unreserved characters, as SigV4 wants it. */
  static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** {@code Code: Message} of an S3 XML error, or the status's usual code without a body. */
  private static String error(int status, String body) {
    Matcher code = CODE.matcher(body);
    Matcher message = MESSAGE.matcher(body);
    String c =
        code.find()
            ? code.group(1)
            : switch (status) {
              case 403 -> "Forbidden";
              case 404 -> "NotFound";
              default -> "HTTP " + status;
            };
    String m = message.find() ? message.group(1) : "";
    return m.isEmpty() ? c : c + ": " + m;
  }
}
