package io.kecs.elbv2.rule;

import io.kecs.elbv2.common.Limits;
import io.kecs.elbv2.error.ValidationError;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;

/** ELBv2's rules for rule conditions: fields, their configurations and the value limits. */
final class ConditionRules {
  private static final Set<String> FIELDS =
      Set.of(
          "host-header",
          "path-pattern",
          "http-header",
          "http-request-method",
          "query-string",
          "source-ip");
  private static final Pattern METHOD = Pattern.compile("[A-Z_-]{1,40}");
  private static final Pattern CIDR =
      Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}/\\d{1,2}|[0-9a-fA-F:]+/\\d{1,3}");

  private ConditionRules() {}

  static void check(List<RuleCondition> conditions) {
    if (conditions.isEmpty()) {
      throw new ValidationError("At least one condition must be specified");
    }
    Set<String> seen = new HashSet<>();
    int values = 0;
    for (RuleCondition c : conditions) {
      String field = c.field();
      if (field == null || !FIELDS.contains(field)) {
        throw new ValidationError(
            "Condition field '" + field + "' must be one of " + String.join(", ", FIELDS));
      }
      boolean repeatable = field.equals("http-header") || field.equals("query-string");
      if (!repeatable && !seen.add(field)) {
        throw new ValidationError("A rule can have only one '" + field + "' condition");
      }
      if (c.hasValues() && !field.equals("host-header") && !field.equals("path-pattern")) {
        throw new ValidationError(
            "Condition values can only be specified for host-header and path-pattern conditions;"
                + " use the condition's configuration");
      }
      values += count(c);
    }
    if (values > Limits.CONDITION_VALUES_PER_RULE) {
      throw new ValidationError(
          "A rule can have at most " + Limits.CONDITION_VALUES_PER_RULE + " condition values");
    }
  }

  private static int count(RuleCondition c) {
    List<String> own = c.values();
    return switch (c.field()) {
      case "host-header" ->
          lengths(
              c.hostHeaderConfig() != null ? c.hostHeaderConfig().values() : own,
              "host-header",
              128);
      case "path-pattern" ->
          lengths(
              c.pathPatternConfig() != null ? c.pathPatternConfig().values() : own,
              "path-pattern",
              128);
      case "http-header" -> {
        if (c.httpHeaderConfig() == null || c.httpHeaderConfig().httpHeaderName() == null) {
          throw new ValidationError(
              "An HTTP header name must be specified for http-header conditions");
        }
        yield lengths(c.httpHeaderConfig().values(), "http-header", 128);
      }
      case "http-request-method" -> {
        List<String> methods =
            c.httpRequestMethodConfig() == null ? List.of() : c.httpRequestMethodConfig().values();
        for (String m : methods) {
          if (!METHOD.matcher(m).matches()) {
            throw new ValidationError("HTTP request method '" + m + "' is not valid");
          }
        }
        yield nonEmpty(methods.size(), "http-request-method");
      }
      case "query-string" -> {
        List<QueryStringKeyValuePair> pairs =
            c.queryStringConfig() == null ? List.of() : c.queryStringConfig().values();
        for (QueryStringKeyValuePair p : pairs) {
          if (p.value() == null || p.value().isEmpty()) {
            throw new ValidationError("Query string conditions must have a value for each key");
          }
        }
        yield nonEmpty(pairs.size(), "query-string");
      }
      default -> {
        List<String> cidrs = c.sourceIpConfig() == null ? List.of() : c.sourceIpConfig().values();
        for (String v : cidrs) {
          if (!CIDR.matcher(v).matches()) {
            throw new ValidationError("Source IP '" + v + "' is not a valid CIDR block");
          }
        }
        yield nonEmpty(cidrs.size(), "source-ip");
      }
    };
  }

  private static int lengths(List<String> values, String field, int max) {
    for (String v : values) {
      if (v.isEmpty() || v.length() > max) {
        throw new ValidationError(
            "Condition '" + field + "' values must have 1 to " + max + " characters");
      }
    }
    return nonEmpty(values.size(), field);
  }

  private static int nonEmpty(int n, String field) {
    if (n == 0) {
      throw new ValidationError(
          "At least one value must be specified for '" + field + "' conditions");
    }
    return n;
  }
}
