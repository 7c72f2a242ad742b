package io.kecs.identity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The credential scope of a SigV4-signed request: {@code AKID/20261204/us-east-1/ecs/aws4_request},
 * from the {@code Authorization} header or, for presigned URLs, the {@code X-Amz-Credential} query
 * parameter. Its service is what the router trusts first; signatures are not checked here.
 */
public record SigV4Credential(String accessKeyId, String date, String region, String service) {
  /** The algorithm name every SigV4 Authorization header starts with. */
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private static final Pattern SCOPE =
      Pattern.compile("([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request");
  private static final Pattern IN_HEADER =
      Pattern.compile("Credential=([^/,\\s]+/\\d{8}/[^/,\\s]+/[^/,\\s]+/aws4_request)");

  /** The scope of a SigV4 {@code Authorization} header; empty when it is not one. */
  public static Optional<SigV4Credential> fromAuthorization(String header) {
    if (header == null || !header.startsWith(ALGORITHM)) {
      return Optional.empty();
    }
    Matcher m = IN_HEADER.matcher(header);
    return m.find() ? parse(m.group(1)) : Optional.empty();
  }

  /** The scope of a presigned URL's {@code X-Amz-Credential} value (already URL-decoded). */
  public static Optional<SigV4Credential> fromPresigned(String credential) {
    return credential == null ? Optional.empty() : parse(credential);
  }

  /** True when an Authorization header is present but is not SigV4 (SigV2, Bearer, garbage). */
  public static boolean isForeignAuthorization(String header) {
    return header != null && !header.isBlank() && fromAuthorization(header).isEmpty();
  }

  private static Optional<SigV4Credential> parse(String scope) {
    Matcher m = SCOPE.matcher(scope);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new SigV4Credential(m.group(1), m.group(2), m.group(3), m.group(4)));
  }
}
