package io.kecs.servicediscovery.common;

import io.kecs.servicediscovery.error.InvalidInput;
import java.util.List;
import java.util.Set;

/**
 * One filter of a Cloud Map list request ({@code Name}, {@code Values}, {@code Condition}), checked
 * against the conditions that filter name allows. EQ takes one value, IN several, BEGINS_WITH one
 * prefix; BETWEEN (two values) is read by the caller.
 */
public record ListFilter(String name, List<String> values, String condition) {
  public ListFilter {
    condition = condition == null ? "EQ" : condition;
    values = values == null ? List.of() : List.copyOf(values);
  }

  /** Fails with InvalidInput unless the condition is one of {@code allowed} and values fit it. */
  public ListFilter check(Set<String> allowed) {
    if (!allowed.contains(condition)) {
      throw new InvalidInput(
          "The condition " + condition + " is not supported for the filter " + name + ".");
    }
    if (values.isEmpty()) {
      throw new InvalidInput("The filter " + name + " needs at least one value.");
    }
    int expected =
        switch (condition) {
          case "EQ", "BEGINS_WITH" -> 1;
          case "BETWEEN" -> 2;
          default -> -1;
        };
    if (expected > 0 && values.size() != expected) {
      throw new InvalidInput(
          "The condition "
              + condition
              + " of the filter "
              + name
              + " takes "
              + expected
              + (expected == 1 ? " value." : " values."));
    }
    return this;
  }

  /** Whether {@code actual} passes an EQ, IN or BEGINS_WITH filter. */
  public boolean matches(String actual) {
    if (actual == null) {
      return false;
    }
    return switch (condition) {
      case "BEGINS_WITH" -> actual.startsWith(values.get(0));
      default -> values.contains(actual);
    };
  }
}
