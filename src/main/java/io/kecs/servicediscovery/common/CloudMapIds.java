package io.kecs.servicediscovery.common;

import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * Cloud Map identifiers: {@code ns-} and {@code srv-} ids of 16 lowercase letters and digits, as
 * AWS makes them, and the ARNs built from them. Requests may name a namespace or service by id or
 * by ARN; {@link #resolve} accepts both.
 */
public final class CloudMapIds {
  public static final String SERVICE = "servicediscovery";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private CloudMapIds() {}

  public static String namespaceId() {
    return "ns-" + random(16);
  }

  public static String serviceId() {
    return "srv-" + random(16);
  }

  /** Operation ids look like AWS's: 32 characters, a dash, 8 more. */
  public static String operationId() {
    return random(32) + "-" + random(8);
  }

  /** A Route 53 style hosted zone id for a DNS namespace. */
  public static String hostedZoneId() {
    return "Z" + random(20).toUpperCase(java.util.Locale.ROOT);
  }

  public static Arn arn(Scope scope, String resourceType, String id) {
    return Arn.servicediscovery(scope, resourceType, id);
  }

  /**
   * The ARN of the {@code resourceType} a request names by id or ARN; empty when an ARN names
   * another service, type, account or region (the caller answers its NotFound error).
   */
  public static Optional<Arn> resolve(Scope scope, String idOrArn, String resourceType) {
    if (idOrArn == null || idOrArn.isEmpty()) {
      return Optional.empty();
    }
    if (!Arn.looksLikeArn(idOrArn)) {
      return idOrArn.contains("/")
          ? Optional.empty()
          : Optional.of(arn(scope, resourceType, idOrArn));
    }
    return Arn.parse(idOrArn)
        .filter(a -> a.service().equals(SERVICE) && a.resourceType().equals(resourceType))
        .filter(a -> a.scope().equals(scope));
  }

  /** The id at the end of a Cloud Map ARN. */
  public static String idOf(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  private static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}
