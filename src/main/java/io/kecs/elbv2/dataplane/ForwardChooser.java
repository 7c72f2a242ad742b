package io.kecs.elbv2.dataplane;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.IntUnaryOperator;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Picks the target group of a forward action: by weight (a group of weight 0 gets nothing), or,
 * with group stickiness on, the group named by the client's {@code AWSALBTG} cookie while it still
 * has weight.
 */
final class ForwardChooser {
  /** ELBv2's group stickiness cookie. */
  static final String COOKIE = "AWSALBTG";

  private ForwardChooser() {}

  /** The group chosen and, with stickiness on, for how many seconds the cookie is to live. */
  record Choice(String targetGroupArn, Integer stickySeconds) {}

  /**
   * @param cookie the request's {@code AWSALBTG} value, or null
   * @param random {@code bound -> [0, bound)}
   */
  static Choice choose(Action forward, String cookie, IntUnaryOperator random) {
    ForwardActionConfig config = forward.forwardConfig();
    if (config == null || !config.hasTargetGroups() || config.targetGroups().isEmpty()) {
      return new Choice(forward.targetGroupArn(), null);
    }
    List<TargetGroupTuple> groups = new ArrayList<>();
    int total = 0;
    for (TargetGroupTuple t : config.targetGroups()) {
      int w = weight(t);
      if (w > 0) {
        groups.add(t);
        total += w;
      }
    }
    if (groups.isEmpty()) {
      // Every weight 0: ELBv2 still forwards, to the first group.
      return new Choice(config.targetGroups().get(0).targetGroupArn(), null);
    }
    Integer sticky =
        config.targetGroupStickinessConfig() != null
                && Boolean.TRUE.equals(config.targetGroupStickinessConfig().enabled())
            ? durationOf(config)
            : null;
    if (sticky != null && cookie != null) {
      String named = decode(cookie);
      for (TargetGroupTuple t : groups) {
        if (t.targetGroupArn().equals(named)) {
          return new Choice(named, sticky);
        }
      }
    }
    int pick = random.applyAsInt(total);
    for (TargetGroupTuple t : groups) {
      pick -= weight(t);
      if (pick < 0) {
        return new Choice(t.targetGroupArn(), sticky);
      }
    }
    return new Choice(groups.get(groups.size() - 1).targetGroupArn(), sticky);
  }

  static String encode(String targetGroupArn) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(targetGroupArn.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cookie) {
    try {
      return new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int durationOf(ForwardActionConfig config) {
    Integer d = config.targetGroupStickinessConfig().durationSeconds();
    return d == null ? 3600 : d;
  }

  private static int weight(TargetGroupTuple t) {
    return t.weight() == null ? 1 : t.weight();
  }
}
