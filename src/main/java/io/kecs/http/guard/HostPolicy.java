package io.kecs.http.guard;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@code Host} names KECS answers, against DNS rebinding: a page on an attacker's name that
 * later resolves to 127.0.0.1 is same-origin with KECS for the browser, but still sends the
 * attacker's name as Host. Bound to loopback, only loopback names pass: {@code localhost}, {@code
 * *.localhost} (load balancer DNS names), loopback addresses, and the names the user adds. Bound
 * beyond loopback, also IP literals and names no one can register in public DNS (single-label names
 * such as a compose service, {@code *.internal}, {@code *.local}, {@code *.svc}, {@code
 * *.cluster.local}, {@code *.home.arpa}), because that is how containers and pods reach it and a
 * rebinding attack needs a public name. {@code *} in the added names turns the check off.
 */
public final class HostPolicy {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final List<String> PRIVATE_SUFFIXES =
      List.of(".internal", ".local", ".svc", ".cluster.local", ".home.arpa");

  private static final String DATA_PREFIX = "data-";

  private final boolean loopbackOnly;
  private final boolean anyHost;
  private final Set<String> added;

  /**
   * @param loopbackBind whether the API listens on a loopback address only
   * @param allowedHosts names added by the user ({@code --allowed-hosts}); {@code *} allows all,
   *     {@code .example.test} allows that domain and its subdomains
   */
  public HostPolicy(boolean loopbackBind, List<String> allowedHosts) {
    this.loopbackOnly = loopbackBind;
    this.anyHost = allowedHosts.contains("*");
    this.added =
        Set.copyOf(allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList());
  }

  /** Whether a request with this Host header (null when absent) is served. */
  public boolean allows(String hostHeader) {
    if (anyHost || hostHeader == null) {
      // Every browser sends Host; a request without one is not a rebinding attack.
      return true;
    }
    String host = nameOf(hostHeader);
    if (host == null) {
      return false;
    }
    if (host.startsWith(DATA_PREFIX) && host.length() > DATA_PREFIX.length()) {
      // SDKs put an endpoint host prefix in front of the endpoint's name (Cloud Map's
      // DiscoverInstances: data-127.0.0.1); the name behind it is what was chosen.
      host = host.substring(DATA_PREFIX.length());
    }
    if (host.equals("localhost") || host.endsWith(".localhost") || isLoopbackLiteral(host)) {
      return true;
    }
    if (isAdded(host)) {
      return true;
    }
    if (loopbackOnly) {
      return false;
    }
    return isIpLiteral(host) || !host.contains(".") || hasPrivateSuffix(host);
  }

  private boolean isAdded(String host) {
    if (added.contains(host)) {
      return true;
    }
    for (String name : added) {
      if (name.startsWith(".") && (host.endsWith(name) || host.equals(name.substring(1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasPrivateSuffix(String host) {
    return PRIVATE_SUFFIXES.stream().anyMatch(host::endsWith);
  }

  /**
   * The host name of a Host header: lowercase, without port and trailing dot; null if malformed.
   */
  static String nameOf(String hostHeader) {
    String h = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      if (end < 0) {
        return null;
      }
      String rest = h.substring(end + 1);
      if (!rest.isEmpty() && !rest.matches(":\\d{1,5}")) {
        return null;
      }
      return h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    if (colon >= 0) {
      if (!h.substring(colon + 1).matches("\\d{1,5}")) {
        return null;
      }
      h = h.substring(0, colon);
    }
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    return h.isEmpty() || !h.matches("[a-z0-9._-]+") ? null : h;
  }

  private static boolean isLoopbackLiteral(String host) {
    return host.equals("[::1]") || (IPV4.matcher(host).matches() && host.startsWith("127."));
  }

  private static boolean isIpLiteral(String host) {
    return host.startsWith("[") || IPV4.matcher(host).matches();
  }
}
