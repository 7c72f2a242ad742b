package io.kecs.elbv2.dataplane;

import io.kecs.elbv2.common.Elbv2Tables;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A target group's {@code lb_cookie} stickiness: with {@code stickiness.enabled} and type {@code
 * lb_cookie}, the {@code AWSALB} cookie names the target a client was sent to, for {@code
 * stickiness.lb_cookie.duration_seconds} (default one day), and keeps it there while that target
 * still gets traffic. {@code app_cookie} stickiness is stored, not applied.
 */
final class TargetStickiness {
  /** ELBv2's target stickiness cookie. */
  static final String COOKIE = "AWSALB";

  private TargetStickiness() {}

  /** Seconds the cookie lives when the group is sticky by {@code lb_cookie}, else null. */
  static Integer seconds(Elbv2Tables tables, String targetGroupArn) {
    Map<String, String> set = new HashMap<>();
    tables
        .targetGroupAttributes
        .get(targetGroupArn)
        .ifPresent(m -> m.attributes().forEach(a -> set.put(a.key(), a.value())));
    if (!"true".equals(set.get("stickiness.enabled"))
        || !"lb_cookie".equals(set.getOrDefault("stickiness.type", "lb_cookie"))) {
      return null;
    }
    try {
      return Integer.valueOf(set.getOrDefault("stickiness.lb_cookie.duration_seconds", "86400"));
    } catch (NumberFormatException e) {
      return 86400;
    }
  }

  static String encode(String targetKey) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(targetKey.getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String cookie) {
    try {
      return cookie == null
          ? null
          : new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
