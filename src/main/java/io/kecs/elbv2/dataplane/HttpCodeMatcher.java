package io.kecs.elbv2.dataplane;

/**
 * A target group's {@code Matcher.HttpCode}: codes and ranges separated by commas ({@code 200},
 * {@code 200,202}, {@code 200-299}); none means 200.
 */
final class HttpCodeMatcher {
  private HttpCodeMatcher() {}

  static boolean matches(String spec, int status) {
    if (spec == null || spec.isBlank()) {
      return status == 200;
    }
    for (String part : spec.split(",")) {
      String p = part.trim();
      int dash = p.indexOf('-');
      try {
        if (dash > 0) {
          int from = Integer.parseInt(p.substring(0, dash).trim());
          int to = Integer.parseInt(p.substring(dash + 1).trim());
          if (status >= from && status <= to) {
            return true;
          }
        } else if (Integer.parseInt(p) == status) {
          return true;
        }
      } catch (NumberFormatException e) {
        // validated on CreateTargetGroup; an odd part matches nothing
      }
    }
    return false;
  }
}
