package io.kecs.elbv2.dataplane;

import java.util.Locale;

/** A Host header split into its lower-case name and its port (null when it names none). */
record HostHeader(String name, Integer port) {
  /** The suffix of every load balancer's DNS name. */
  static final String SUFFIX = ".elb.localhost";

  static HostHeader parse(String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    String h = header.trim().toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(']') < colon) {
      try {
        return new HostHeader(h.substring(0, colon), Integer.valueOf(h.substring(colon + 1)));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return new HostHeader(h, null);
  }

  boolean isLoadBalancer() {
    return name.endsWith(SUFFIX);
  }
}
