package io.kecs.elbv2.common;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/** What listener and rule actions refer to. */
public final class Actions {
  private Actions() {}

  /** The target groups {@code actions} forward to (a single ARN or a weighted list). */
  public static Set<String> targetGroupsOf(List<Action> actions) {
    Set<String> out = new LinkedHashSet<>();
    for (Action a : actions) {
      if (a.targetGroupArn() != null) {
        out.add(a.targetGroupArn());
      }
      if (a.forwardConfig() != null) {
        for (TargetGroupTuple t : a.forwardConfig().targetGroups()) {
          out.add(t.targetGroupArn());
        }
      }
    }
    return out;
  }
}
