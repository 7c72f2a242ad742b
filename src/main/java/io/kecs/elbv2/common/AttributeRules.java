package io.kecs.elbv2.common;

import io.kecs.elbv2.error.ValidationError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The attributes one kind of resource has: each key with its default and the values ELBv2 accepts.
 * Stored attributes are only what users set; answers merge them over the defaults.
 */
public final class AttributeRules {
  private final Map<String, String> defaults = new LinkedHashMap<>();
  private final Map<String, Predicate<String>> valid = new LinkedHashMap<>();
  private final Map<String, String> expected = new LinkedHashMap<>();

  public AttributeRules bool(String key, boolean byDefault) {
    return add(
        key,
        String.valueOf(byDefault),
        v -> v.equals("true") || v.equals("false"),
        "true or false");
  }

  public AttributeRules range(String key, int byDefault, int min, int max) {
    return add(
        key,
        String.valueOf(byDefault),
        v -> {
          try {
            int n = Integer.parseInt(v);
            return n >= min && n <= max;
          } catch (NumberFormatException e) {
            return false;
          }
        },
        "an integer from " + min + " to " + max);
  }

  public AttributeRules oneOf(String key, String byDefault, String... values) {
    Set<String> allowed = Set.of(values);
    return add(key, byDefault, allowed::contains, "one of " + String.join(", ", values));
  }

  public AttributeRules text(String key, String byDefault) {
    return add(key, byDefault, v -> v.length() <= 1024, "at most 1024 characters");
  }

  public AttributeRules add(String key, String byDefault, Predicate<String> check, String what) {
    defaults.put(key, byDefault);
    valid.put(key, check);
    expected.put(key, what);
    return this;
  }

  /**
   * @throws ValidationError for an unknown key or a value out of bounds
   */
  public void check(String key, String value, String resource) {
    Predicate<String> check = valid.get(key);
    if (check == null) {
      throw new ValidationError(resource + " attribute key '" + key + "' is not recognized");
    }
    if (value == null || !check.test(value)) {
      throw new ValidationError(
          resource
              + " attribute '"
              + key
              + "' value '"
              + value
              + "' is not valid; it must be "
              + expected.get(key));
    }
  }

  /** The defaults with {@code set} over them, in the defaults' order. */
  public Map<String, String> merged(List<Map.Entry<String, String>> set) {
    Map<String, String> out = new LinkedHashMap<>(defaults);
    for (Map.Entry<String, String> e : set) {
      if (out.containsKey(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }
}
