package io.kecs.http.guard;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) on a request, in the Authorization
 * header or in a presigned URL's query, against configured access keys: the same canonical request,
 * string to sign and derived key as the signer, and the request time within 15 minutes of the clock
 * (5 minutes is AWS's own margin for most services; 15 is what its common errors document for all).
 */
public final class SignatureVerifier {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final Duration SKEW = Duration.ofMinutes(15);
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final Map<String, String> secrets;

  /**
   * @param secrets secret access keys by access key id
   */
  public SignatureVerifier(Map<String, String> secrets) {
    this.secrets = Map.copyOf(secrets);
  }

  /** What the verifier reads of a request; the payload hash only when the signer left none. */
  public record Signed(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> headers,
      Supplier<String> bodyHash) {
    String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }
  }

  public Optional<SignatureFailure> verify(Signed r, Instant now) {
    String authorization = r.header("authorization");
    Map<String, String> query = QueryAuth.params(r.rawQuery());
    if (authorization == null && !query.containsKey("X-Amz-Signature")) {
      return Optional.of(SignatureFailure.missing());
    }
    Parts p;
    try {
      p = authorization != null ? Parts.ofHeader(authorization, r) : Parts.ofQuery(query);
    } catch (IllegalArgumentException e) {
      return Optional.of(SignatureFailure.incomplete(e.getMessage()));
    }
    String secret = secrets.get(p.accessKey());
    if (secret == null) {
      return Optional.of(SignatureFailure.unknownKey());
    }
    Instant at;
    try {
      at = LocalDateTime.parse(p.amzDate(), AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return Optional.of(
          SignatureFailure.incomplete("Date must be in ISO-8601 'basic format': " + p.amzDate()));
    }
    if (!p.amzDate().startsWith(p.date())) {
      return Optional.of(
          SignatureFailure.mismatch()); // the scope's date is signed; a mismatch cannot verify
    }
    Optional<SignatureFailure> skew = checkTime(at, now, p.expires());
    if (skew.isPresent()) {
      return skew;
    }
    String payloadHash = r.header("x-amz-content-sha256");
    if (payloadHash == null) {
      payloadHash =
          authorization == null && p.service().equals("s3")
              ? "UNSIGNED-PAYLOAD"
              : r.bodyHash().get();
    }
    String canonical =
        CanonicalRequest.of(
            r.method(),
            r.rawPath(),
            r.rawQuery(),
            r.headers(),
            p.signedHeaders(),
            payloadHash,
            p.service(),
            authorization == null ? "X-Amz-Signature" : null);
    String scope = p.date() + "/" + p.region() + "/" + p.service() + "/aws4_request";
    String toSign = ALGORITHM + "\n" + p.amzDate() + "\n" + scope + "\n" + sha256Hex(canonical);
    byte[] expected = signature(secret, p.date(), p.region(), p.service(), toSign);
    byte[] given;
    try {
      given = HexFormat.of().parseHex(p.signature().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Optional.of(SignatureFailure.mismatch());
    }
    return MessageDigest.isEqual(expected, given)
        ? Optional.empty()
        : Optional.of(SignatureFailure.mismatch());
  }

  private static Optional<SignatureFailure> checkTime(Instant at, Instant now, Duration expires) {
    if (expires != null) {
      if (now.isAfter(at.plus(expires))) {
        return Optional.of(
            new SignatureFailure(
                403, "AccessDeniedException", "AccessDenied", "Request has expired"));
      }
      return Optional.empty();
    }
    if (at.isBefore(now.minus(SKEW))) {
      return Optional.of(
          SignatureFailure.expired(
              "Signature expired: "
                  + AMZ_DATE.format(at.atOffset(ZoneOffset.UTC))
                  + " is now earlier than "
                  + AMZ_DATE.format(now.minus(SKEW).atOffset(ZoneOffset.UTC))
                  + " ("
                  + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC))
                  + " - 15 min.)"));
    }
    if (at.isAfter(now.plus(SKEW))) {
      return Optional.of(
          SignatureFailure.expired(
              "Signature not yet current: "
                  + AMZ_DATE.format(at.atOffset(ZoneOffset.UTC))
                  + " is still later than "
                  + AMZ_DATE.format(now.plus(SKEW).atOffset(ZoneOffset.UTC))
                  + " ("
                  + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC))
                  + " + 15 min.)"));
    }
    return Optional.empty();
  }

  static byte[] signature(
      String secret, String date, String region, String service, String stringToSign) {
    byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, service);
    key = hmac(key, "aws4_request");
    return hmac(key, stringToSign);
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Lowercase hex SHA-256 of UTF-8 text. */
  static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** The signature's parts, from the Authorization header or a presigned query. */
  record Parts(
      String accessKey,
      String date,
      String region,
      String service,
      List<String> signedHeaders,
      String signature,
      String amzDate,
      Duration expires) {

    static Parts ofHeader(String authorization, Signed r) {
      String trimmed = authorization.trim();
      if (!trimmed.startsWith(ALGORITHM + " ")) {
        throw new IllegalArgumentException(
            "Authorization header requires the "
                + ALGORITHM
                + " algorithm. Authorization="
                + trimmed);
      }
      String credential = null;
      String signedHeaders = null;
      String signature = null;
      for (String item : trimmed.substring(ALGORITHM.length()).split(",")) {
        String kv = item.trim();
        int eq = kv.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String value = kv.substring(eq + 1).trim();
        switch (kv.substring(0, eq).trim()) {
          case "Credential" -> credential = value;
          case "SignedHeaders" -> signedHeaders = value;
          case "Signature" -> signature = value;
          default -> {}
        }
      }
      StringBuilder missing = new StringBuilder();
      if (credential == null) {
        missing.append("Authorization header requires 'Credential' parameter. ");
      }
      if (signedHeaders == null) {
        missing.append("Authorization header requires 'SignedHeaders' parameter. ");
      }
      if (signature == null) {
        missing.append("Authorization header requires 'Signature' parameter. ");
      }
      String amzDate = r.header("x-amz-date");
      if (amzDate == null) {
        missing.append(
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date'"
                + " header. ");
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(missing + "Authorization=" + trimmed);
      }
      return of(credential, signedHeaders, signature, amzDate, null);
    }

    static Parts ofQuery(Map<String, String> q) {
      if (!ALGORITHM.equals(q.get("X-Amz-Algorithm"))) {
        throw new IllegalArgumentException("X-Amz-Algorithm must be " + ALGORITHM);
      }
      for (String required : List.of("X-Amz-Credential", "X-Amz-SignedHeaders", "X-Amz-Date")) {
        if (q.get(required) == null) {
          throw new IllegalArgumentException("Query-string authentication requires " + required);
        }
      }
      Duration expires = null;
      if (q.get("X-Amz-Expires") != null) {
        try {
          expires = Duration.ofSeconds(Long.parseLong(q.get("X-Amz-Expires")));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("X-Amz-Expires must be a number of seconds");
        }
      }
      return of(
          q.get("X-Amz-Credential"),
          q.get("X-Amz-SignedHeaders"),
          q.get("X-Amz-Signature"),
          q.get("X-Amz-Date"),
          expires == null ? Duration.ofDays(7) : expires);
    }

    private static Parts of(
        String credential, String signedHeaders, String signature, String amzDate, Duration exp) {
      String[] c = credential.split("/");
      if (c.length != 5 || !c[4].equals("aws4_request")) {
        throw new IllegalArgumentException(
            "Credential should be scoped to a valid region, not '"
                + credential
                + "': expected <key>/<yyyyMMdd>/<region>/<service>/aws4_request");
      }
      List<String> headers =
          Arrays.stream(signedHeaders.split(";"))
              .map(h -> h.trim().toLowerCase(Locale.ROOT))
              .toList();
      if (!headers.contains("host")) {
        throw new IllegalArgumentException("'Host' must be a signed header");
      }
      return new Parts(c[0], c[1], c[2], c[3], headers, signature, amzDate, exp);
    }
  }
}
