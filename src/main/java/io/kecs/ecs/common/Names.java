package io.kecs.ecs.common;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.util.regex.Pattern;

/**
 * Turns the "name or ARN" that ECS parameters take into ARNs, and checks resource names. The one
 * place that knows how each ECS resource type lays out its ARN.
 */
public final class Names {
  /** Up to 255 letters, numbers, hyphens and underscores: clusters, families, services, ... */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

  private Names() {}

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  public static void requireValidName(String what, String name) {
    if (!isValidName(name)) {
      throw new InvalidParameterException(
          what
              + " name '"
              + name
              + "' is invalid. Up to 255 letters (uppercase and lowercase), numbers, underscores,"
              + " and hyphens are allowed.");
    }
  }

  /**
   * The ARN for a parameter that takes a name or an ARN of {@code resourceType}. An ARN must be an
   * ECS ARN of that type; its scope must be the caller's (ECS does not reach across accounts).
   */
  public static Arn resolve(Scope scope, String resourceType, String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isEmpty()) {
      throw new InvalidParameterException(resourceType + " identifier must not be empty.");
    }
    if (!Arn.looksLikeArn(nameOrArn)) {
      return Arn.ecs(scope, resourceType, nameOrArn);
    }
    Arn arn =
        Arn.parse(nameOrArn)
            .filter(a -> a.service().equals("ecs") && a.resourceType().equals(resourceType))
            .orElseThrow(
                () ->
                    new InvalidParameterException(
                        "Invalid " + resourceType + " ARN: " + nameOrArn));
    return arn;
  }

  /** The ECS cluster ARN for a cluster parameter; absent means {@code default}. */
  public static Arn cluster(Scope scope, String nameOrArn) {
    return resolve(scope, "cluster", nameOrArn == null ? "default" : nameOrArn);
  }

  /** The prefix every ECS ARN of one type in a scope starts with, for ranged listing. */
  public static String arnPrefix(Scope scope, String resourceType) {
    return Arn.ecs(scope, resourceType, "").toString();
  }
}
