package io.kecs.elbv2.dataplane;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/**
 * ELBv2's condition semantics: a condition matches when any of its values does; a rule's conditions
 * must all match. Host names, header values and query strings are compared without regard to case,
 * paths and methods with it.
 */
final class ConditionMatcher {
  private ConditionMatcher() {}

  static boolean all(List<RuleCondition> conditions, HttpRequestView r) {
    for (RuleCondition c : conditions) {
      if (!matches(c, r)) {
        return false;
      }
    }
    return true;
  }

  static boolean matches(RuleCondition c, HttpRequestView r) {
    return switch (c.field()) {
      case "host-header" ->
          any(
              c.hostHeaderConfig() != null ? c.hostHeaderConfig().values() : c.values(),
              r.host(),
              true);
      case "path-pattern" ->
          any(
              c.pathPatternConfig() != null ? c.pathPatternConfig().values() : c.values(),
              r.path(),
              false);
      case "http-header" -> header(c, r);
      case "http-request-method" ->
          c.httpRequestMethodConfig() != null
              && c.httpRequestMethodConfig().values().contains(r.method());
      case "query-string" -> query(c, r);
      case "source-ip" -> sourceIp(c, r);
      default -> false;
    };
  }

  private static boolean any(List<String> patterns, String text, boolean ignoreCase) {
    for (String p : patterns) {
      if (Wildcard.matches(p, text, ignoreCase)) {
        return true;
      }
    }
    return false;
  }

  private static boolean header(RuleCondition c, HttpRequestView r) {
    if (c.httpHeaderConfig() == null || c.httpHeaderConfig().httpHeaderName() == null) {
      return false;
    }
    List<String> values = r.headers().get(c.httpHeaderConfig().httpHeaderName().toLowerCase());
    if (values == null) {
      return false;
    }
    for (String v : values) {
      if (any(c.httpHeaderConfig().values(), v, true)) {
        return true;
      }
    }
    return false;
  }

  private static boolean query(RuleCondition c, HttpRequestView r) {
    if (c.queryStringConfig() == null) {
      return false;
    }
    for (QueryStringKeyValuePair want : c.queryStringConfig().values()) {
      for (Map.Entry<String, String> have : r.query()) {
        boolean key = want.key() == null || Wildcard.matches(want.key(), have.getKey(), true);
        if (key && Wildcard.matches(want.value(), have.getValue(), true)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean sourceIp(RuleCondition c, HttpRequestView r) {
    if (c.sourceIpConfig() == null || r.source() == null) {
      return false;
    }
    for (String v : c.sourceIpConfig().values()) {
      Cidr cidr = Cidr.parse(v);
      if (cidr != null && cidr.contains(r.source())) {
        return true;
      }
    }
    return false;
  }
}
