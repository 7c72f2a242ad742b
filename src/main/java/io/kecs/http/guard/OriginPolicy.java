package io.kecs.http.guard;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The cross-site rules for browser requests. A page of another origin may neither change KECS state
 * ({@code /_kecs/*} with a method other than GET / HEAD / OPTIONS) nor call the AWS API (every
 * other path, any method: awsQuery accepts GET too), unless the user allowed that origin with
 * {@code --cors-origins}; then it gets proper CORS answers, preflights included. Same-origin pages
 * (the dashboard under {@code /_kecs/ui}) and non-browser clients (no {@code Origin}, no {@code
 * Sec-Fetch-Site}) pass. Browsers set both headers themselves; a page cannot forge them.
 */
public final class OriginPolicy {
  /** Response headers AWS SDKs running in a browser need to read. */
  static final String EXPOSED_HEADERS =
      "x-amzn-RequestId, x-amzn-ErrorType, x-amz-request-id, x-amz-id-2, x-amz-crc32, ETag, Date";

  static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";

  private final boolean anyOrigin;
  private final Set<String> allowed;

  /**
   * @param corsOrigins origins ({@code http://localhost:3000}) allowed cross-site; {@code *}: any
   */
  public OriginPolicy(List<String> corsOrigins) {
    this.anyOrigin = corsOrigins.contains("*");
    this.allowed = Set.copyOf(corsOrigins.stream().map(OriginPolicy::normalise).toList());
  }

  /** What to do with a request. */
  public enum Verdict {
    /** Serve it; no CORS headers needed (same origin or not from a browser). */
    PASS,
    /** Serve it with CORS headers for {@link Decision#origin()}. */
    PASS_WITH_CORS,
    /** Answer the preflight (204 with CORS headers) without serving anything. */
    PREFLIGHT,
    /** Refuse with 403. */
    REFUSE
  }

  /** A verdict, the origin it is about, and why (for a refusal's message). */
  public record Decision(Verdict verdict, String origin, String reason) {}

  /**
   * @param host the request's Host header (already allowed by {@link HostPolicy})
   * @param origin the Origin header, or null
   * @param fetchSite the Sec-Fetch-Site header, or null
   * @param preflightMethod Access-Control-Request-Method on an OPTIONS request, or null
   */
  public Decision decide(
      String method,
      String path,
      String host,
      String origin,
      String fetchSite,
      String preflightMethod) {
    boolean preflight = "OPTIONS".equals(method) && origin != null && preflightMethod != null;
    boolean crossSite = preflight || isCrossSite(host, origin, fetchSite);
    if (!crossSite) {
      return new Decision(Verdict.PASS, origin, null);
    }
    boolean guarded = preflight || isGuarded(method, path);
    if (origin != null && isAllowed(origin)) {
      return new Decision(preflight ? Verdict.PREFLIGHT : Verdict.PASS_WITH_CORS, origin, null);
    }
    if (!guarded) {
      return new Decision(Verdict.PASS, origin, null);
    }
    String who = origin == null ? "a cross-site page" : "a page of " + origin;
    return new Decision(
        Verdict.REFUSE,
        origin,
        "KECS refuses requests from "
            + who
            + " to "
            + (path.startsWith("/_kecs/") ? path : "the AWS API")
            + ": web pages of other origins may not drive it. To allow a browser-based tool, start"
            + " KECS with --cors-origins "
            + (origin == null || origin.equals("null") ? "<its origin>" : origin)
            + ".");
  }

  private static boolean isGuarded(String method, String path) {
    if (path.startsWith("/_kecs/")) {
      return !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
    }
    return true;
  }

  private boolean isAllowed(String origin) {
    return anyOrigin || allowed.contains(normalise(origin));
  }

  static boolean isCrossSite(String host, String origin, String fetchSite) {
    if (fetchSite != null) {
      String site = fetchSite.trim().toLowerCase(Locale.ROOT);
      // "none": the user typed the address or followed a bookmark.
      if (!site.equals("same-origin") && !site.equals("none")) {
        return true;
      }
    }
    return origin != null && !sameOrigin(origin, host);
  }

  /** Whether an Origin is this server's own (scheme ignored: a TLS proxy may sit in front). */
  static boolean sameOrigin(String origin, String host) {
    if (host == null || origin.equals("null")) {
      return false;
    }
    try {
      URI o = URI.create(origin.trim());
      if (o.getHost() == null) {
        return false;
      }
      int originPort = o.getPort() >= 0 ? o.getPort() : defaultPort(o.getScheme());
      String name = HostPolicy.nameOf(host);
      int hostPort = portOf(host, originPort == 443 ? 443 : 80);
      String originHost = o.getHost().toLowerCase(Locale.ROOT);
      return originHost.equals(name) && originPort == hostPort;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int defaultPort(String scheme) {
    return "https".equalsIgnoreCase(scheme) ? 443 : 80;
  }

  private static int portOf(String host, int fallback) {
    int bracket = host.lastIndexOf(']');
    int colon = host.lastIndexOf(':');
    if (colon > bracket) {
      try {
        return Integer.parseInt(host.substring(colon + 1).trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return fallback;
  }

  private static String normalise(String origin) {
    String o = origin.trim().toLowerCase(Locale.ROOT);
    return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
  }
}
