package io.kecs.elbv2.common;

import io.kecs.elbv2.error.ValidationError;
import java.util.regex.Pattern;

/** ELBv2's rules for load balancer, target group and trust store names. */
public final class Names {
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

  private Names() {}

  /**
   * At most 32 characters, alphanumerics and hyphens, neither first nor last a hyphen.
   *
   * @param what e.g. {@code load balancer}, for the message
   */
  public static void check(String name, String what) {
    if (!NAME.matcher(name).matches()) {
      throw new ValidationError(
          "The "
              + what
              + " name '"
              + name
              + "' must have a maximum of 32 characters, can contain only alphanumeric characters"
              + " and hyphens, and cannot begin or end with a hyphen");
    }
  }
}
