package io.kecs.agent;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

/**
 * Credentials KECS makes up when no AWS backend is configured: shaped like STS session credentials
 * ({@code ASIA...} key, 40-character secret, a session token), valid for as long as ECS's are.
 * Nothing checks them (KECS does not verify signatures); they exist so a container's SDK, which
 * insists on credentials, can sign its calls to KECS.
 */
final class MintedCredentials implements CredentialSource {
  static final Duration LIFETIME = Duration.ofHours(6);
  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  MintedCredentials(Clock clock) {
    this.clock = clock;
  }

  @Override
  public RoleCredentials issue(String roleArn, String taskId, String region) {
    byte[] token = new byte[96];
    random.nextBytes(token);
    return new RoleCredentials(
        roleArn,
        "ASIA" + random(KEY_ALPHABET, 16),
        random(SECRET_ALPHABET, 40),
        Base64.getEncoder().encodeToString(token),
        clock.instant().plus(LIFETIME));
  }

  private String random(String alphabet, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
