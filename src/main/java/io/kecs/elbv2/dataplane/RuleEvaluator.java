package io.kecs.elbv2.dataplane;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/**
 * Picks the rule a request takes: rules in ascending priority, the first whose conditions all
 * match, else the default rule. Its final action is what the load balancer does; {@code
 * authenticate-*} actions before it are stored but not enforced.
 */
final class RuleEvaluator {
  private static final Comparator<Rule> BY_PRIORITY =
      Comparator.comparingInt(RuleEvaluator::priority);

  private RuleEvaluator() {}

  /** The rule {@code request} takes among a listener's rules (the default one included). */
  static Optional<Rule> choose(List<Rule> rules, HttpRequestView request) {
    List<Rule> ordered = new ArrayList<>(rules);
    ordered.sort(BY_PRIORITY);
    for (Rule rule : ordered) {
      if (isDefault(rule) || ConditionMatcher.all(rule.conditions(), request)) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** The action that answers: the last by order, after any authenticate actions. */
  static Optional<Action> finalAction(List<Action> actions) {
    Action last = null;
    for (Action a : actions) {
      if (a.typeAsString().startsWith("authenticate-")) {
        continue;
      }
      if (last == null || order(a) >= order(last)) {
        last = a;
      }
    }
    return Optional.ofNullable(last);
  }

  private static int order(Action a) {
    return a.order() == null ? Integer.MAX_VALUE - 1 : a.order();
  }

  private static boolean isDefault(Rule rule) {
    return Boolean.TRUE.equals(rule.isDefault()) || "default".equals(rule.priority());
  }

  private static int priority(Rule rule) {
    if (isDefault(rule)) {
      return Integer.MAX_VALUE;
    }
    try {
      return Integer.parseInt(rule.priority());
    } catch (NumberFormatException e) {
      return Integer.MAX_VALUE - 1;
    }
  }
}
