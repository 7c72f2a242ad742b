package io.kecs.servicediscovery.common;

import io.kecs.servicediscovery.error.InvalidInput;
import java.util.regex.Pattern;

/** Input limits of the Cloud Map model the codec does not check (lengths and patterns). */
public final class Checks {
  private Checks() {}

  public static void maxLength(String member, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidInput(member + " must be at most " + max + " characters long.");
    }
  }

  public static void matches(String member, String value, Pattern pattern) {
    if (value != null && !pattern.matcher(value).matches()) {
      throw new InvalidInput(member + " '" + value + "' is not valid.");
    }
  }

  public static void range(String member, Long value, long min, long max) {
    if (value != null && (value < min || value > max)) {
      throw new InvalidInput(member + " must be between " + min + " and " + max + ".");
    }
  }
}
