package io.kecs.identity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the caller's scope from a SigV4 {@code Authorization} header: the region from the
 * credential scope, and the account from an access key id of exactly 12 digits (a LocalStack
 * convention test suites use to act as several accounts). Signatures are not verified.
 */
public final class SigV4Identity {
  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/,\\s]+)/[^/,\\s]+/aws4_request");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private final Scope defaults;

  public SigV4Identity(Scope defaults) {
    this.defaults = defaults;
  }

  public Scope scopeOf(String authorizationHeader) {
    if (authorizationHeader == null) {
      return defaults;
    }
    Matcher m = CREDENTIAL.matcher(authorizationHeader);
    if (!m.find()) {
      return defaults;
    }
    String accessKey = m.group(1);
    String account = ACCOUNT_ID.matcher(accessKey).matches() ? accessKey : defaults.account();
    return new Scope(account, m.group(2));
  }
}
