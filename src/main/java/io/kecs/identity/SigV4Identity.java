package io.kecs.identity;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the caller's scope from a SigV4 credential: the region from the credential scope, and the
 * account from an access key id of exactly 12 digits (a LocalStack convention test suites use to
 * act as several accounts). Signatures are not verified.
 */
public final class SigV4Identity {
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private final Scope defaults;

  public SigV4Identity(Scope defaults) {
    this.defaults = defaults;
  }

  public Scope scopeOf(String authorizationHeader) {
    return scopeOf(SigV4Credential.fromAuthorization(authorizationHeader));
  }

  /** The scope a credential names; the defaults for unsigned requests. */
  public Scope scopeOf(Optional<SigV4Credential> credential) {
    if (credential.isEmpty()) {
      return defaults;
    }
    SigV4Credential c = credential.get();
    String account =
        ACCOUNT_ID.matcher(c.accessKeyId()).matches() ? c.accessKeyId() : defaults.account();
    return new Scope(account, c.region());
  }
}
