package io.kecs.elbv2.dataplane;

import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;

/**
 * A redirect action's Location: each part of the config may use the placeholders {@code
 * #{protocol}}, {@code #{host}}, {@code #{port}}, {@code #{path}} (the request path without its
 * leading slash) and {@code #{query}}, which stand for the request's own parts; parts left out keep
 * the request's.
 */
final class Redirects {
  private Redirects() {}

  /**
   * @param protocol {@code HTTP} or {@code HTTPS}, as the client came
   * @param port the port the client addressed (the Host header's, else the listener's)
   * @param path the request path, starting with {@code /}
   * @param query the query string without {@code ?}, or null
   */
  static String location(
      RedirectActionConfig c, String protocol, String host, int port, String path, String query) {
    String rawPath = path.startsWith("/") ? path.substring(1) : path;
    String q = query == null ? "" : query;
    String proto = fill(or(c.protocol(), "#{protocol}"), protocol, host, port, rawPath, q);
    String h = fill(or(c.host(), "#{host}"), protocol, host, port, rawPath, q);
    String p = fill(or(c.port(), "#{port}"), protocol, host, port, rawPath, q);
    String newPath = fill(or(c.path(), "/#{path}"), protocol, host, port, rawPath, q);
    String newQuery = fill(or(c.query(), "#{query}"), protocol, host, port, rawPath, q);
    StringBuilder out = new StringBuilder(proto.toLowerCase()).append("://").append(h);
    out.append(':').append(p);
    out.append(newPath.startsWith("/") ? newPath : "/" + newPath);
    if (!newQuery.isEmpty()) {
      out.append('?').append(newQuery);
    }
    return out.toString();
  }

  /** 301 or 302, from {@code HTTP_301} / {@code HTTP_302}. */
  static int status(RedirectActionConfig c) {
    return "HTTP_301".equals(c.statusCodeAsString()) ? 301 : 302;
  }

  private static String or(String value, String otherwise) {
    return value == null || value.isEmpty() ? otherwise : value;
  }

  private static String fill(
      String template, String protocol, String host, int port, String path, String query) {
    return template
        .replace("#{protocol}", protocol)
        .replace("#{host}", host)
        .replace("#{port}", Integer.toString(port))
        .replace("#{path}", path)
        .replace("#{query}", query);
  }
}
