package io.kecs.runtime.secrets;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks an S3 request's Signature Version 4 as S3 does, written from the specification rather than
 * with the SDK's signer (which signs the requests), so a wrong signing setting shows: the path is
 * signed as sent (no second encoding), the payload hash is the {@code x-amz-content-sha256} header.
 * GETs without a query only, which is all KECS sends.
 */
final class SigV4Check {
  private static final Pattern AUTH =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=[^/]+/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
              + " ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");

  private SigV4Check() {}

  static boolean valid(HttpExchange ex, String secretKey) {
    String authorization = ex.getRequestHeaders().getFirst("Authorization");
    String payloadHash = ex.getRequestHeaders().getFirst("x-amz-content-sha256");
    String amzDate = ex.getRequestHeaders().getFirst("x-amz-date");
    Matcher m = authorization == null ? null : AUTH.matcher(authorization);
    if (m == null
        || !m.matches()
        || !(AwsRequestSigner.EMPTY_SHA256.equals(payloadHash)
            || "UNSIGNED-PAYLOAD".equals(payloadHash))
        || amzDate == null) {
      return false;
    }
    String date = m.group(1);
    String region = m.group(2);
    String service = m.group(3);
    String signedHeaders = m.group(4);
    StringBuilder canonical =
        new StringBuilder(ex.getRequestMethod())
            .append('\n')
            .append(ex.getRequestURI().getRawPath())
            .append('\n')
            .append(
                ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery())
            .append('\n');
    for (String h : signedHeaders.split(";")) {
      String value = ex.getRequestHeaders().getFirst(h);
      if (value == null) {
        return false;
      }
      canonical.append(h).append(':').append(value.trim()).append('\n');
    }
    canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
    String scope = date + "/" + region + "/" + service + "/aws4_request";
    String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + sha256(canonical);
    byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return HexFormat.of().formatHex(hmac(key, toSign)).equals(m.group(5));
  }

  private static String sha256(CharSequence s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
