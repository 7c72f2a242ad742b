package io.kecs.ecs.attribute;

import io.kecs.ecs.error.AttributeLimitExceededException;
import io.kecs.ecs.error.InvalidParameterException;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.Attribute;

/**
 * The ECS rules for attributes. Names and values follow the model's documentation. Attributes whose
 * names start with {@code ecs.} or {@code com.amazonaws.ecs.} are the ones ECS and its agent set
 * (instance type, capabilities, ...); the others are custom and at most {@value #MAX_CUSTOM} may
 * sit on one resource.
 */
public final class AttributeRules {
  public static final int MAX_CUSTOM = 10;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_./\\\\-]{1,128}");
  private static final Pattern VALUE = Pattern.compile("[a-zA-Z0-9_.@/\\\\: -]{1,128}");

  private AttributeRules() {}

  /** Checks an attribute's name and (optional) value. */
  public static void validate(Attribute attribute) {
    String name = attribute.name();
    if (name == null || !NAME.matcher(name).matches()) {
      throw new InvalidParameterException(
          "Attribute name '"
              + name
              + "' is invalid. Names must be 1 to 128 letters, numbers, hyphens, underscores,"
              + " periods, forward slashes or back slashes.");
    }
    String value = attribute.value();
    if (value != null
        && (!VALUE.matcher(value).matches() || value.startsWith(" ") || value.endsWith(" "))) {
      throw new InvalidParameterException(
          "The value of attribute '"
              + name
              + "' is invalid. Values must be 1 to 128 letters, numbers, hyphens, underscores,"
              + " periods, at signs, forward slashes, back slashes, colons or spaces, and cannot"
              + " start or end with a space.");
    }
  }

  public static boolean isCustom(String name) {
    return !name.startsWith("ecs.") && !name.startsWith("com.amazonaws.ecs.");
  }

  /** Refuses a resource's attribute list that holds more custom attributes than ECS allows. */
  public static void checkCustomLimit(String resource, List<Attribute> attributes) {
    long custom = attributes.stream().filter(a -> isCustom(a.name())).count();
    if (custom > MAX_CUSTOM) {
      throw new AttributeLimitExceededException(
          "You can have at most "
              + MAX_CUSTOM
              + " custom attributes on a resource; "
              + resource
              + " would have "
              + custom
              + ".");
    }
  }
}
