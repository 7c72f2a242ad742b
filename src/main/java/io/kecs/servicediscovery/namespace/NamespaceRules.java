package io.kecs.servicediscovery.namespace;

import io.kecs.servicediscovery.common.Checks;
import io.kecs.servicediscovery.error.InvalidInput;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a namespace name may be, per type (the model's patterns plus DNS label rules). */
final class NamespaceRules {
  static final long DEFAULT_SOA_TTL = 15;
  private static final Pattern HTTP_NAME = Pattern.compile("^(?!arn:)[!-~]{1,1024}$");
  private static final Pattern PRIVATE_NAME = Pattern.compile("^(?!arn:)[!-~]{1,253}$");
  private static final Pattern DNS_LABEL =
      Pattern.compile("[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?");
  private static final Pattern PUBLIC_NAME =
      Pattern.compile(
          "^([a-zA-Z0-9]([a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])?\\.)+"
              + "[a-zA-Z0-9]([a-zA-Z0-9\\-]{0,61}[a-zA-Z0-9])?$");

  private NamespaceRules() {}

  static String httpName(String name) {
    Checks.matches("Name", name, HTTP_NAME);
    return name;
  }

  /** A private zone name: the model's pattern, and each label a DNS label KECS can serve. */
  static String privateName(String name) {
    Checks.matches("Name", name, PRIVATE_NAME);
    String trimmed = trimDot(name);
    for (String label : trimmed.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        throw new InvalidInput("Name '" + name + "' is not a valid DNS domain name.");
      }
    }
    return trimmed;
  }

  static String publicName(String name) {
    String trimmed = trimDot(name);
    Checks.matches("Name", trimmed, PUBLIC_NAME);
    Checks.maxLength("Name", trimmed, 253);
    return trimmed;
  }

  static void soaTtl(Long ttl) {
    Checks.range("SOA TTL", ttl, 0, Integer.MAX_VALUE);
  }

  /** The key two namespaces clash on: DNS names compare without case. */
  static String identity(String name) {
    return trimDot(name).toLowerCase(Locale.ROOT);
  }

  private static String trimDot(String name) {
    return name != null && name.endsWith(".") && name.length() > 1
        ? name.substring(0, name.length() - 1)
        : name;
  }
}
