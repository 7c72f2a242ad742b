package io.kecs.elbv2.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What a Describe operation of ELBv2 answers for: the resources named by ARN (each must exist),
 * else by name (each must exist, in the order asked), else all of them.
 */
public final class Selection {
  private Selection() {}

  /**
   * @param arns the ARNs asked for, or null when none were
   * @param names the names asked for, or null when none were
   * @param require the resource of an ARN, throwing ELBv2's not-found error
   * @param notFound the not-found error of a name
   */
  public static <T> List<T> chosen(
      List<T> all,
      List<String> arns,
      List<String> names,
      Function<String, T> require,
      Function<T, String> nameOf,
      Function<String, RuntimeException> notFound) {
    if (arns != null) {
      List<T> out = new ArrayList<>();
      arns.forEach(arn -> out.add(require.apply(arn)));
      return out;
    }
    if (names != null) {
      List<T> out = new ArrayList<>();
      for (String name : names) {
        out.add(
            all.stream()
                .filter(t -> nameOf.apply(t).equals(name))
                .findFirst()
                .orElseThrow(() -> notFound.apply(name)));
      }
      return out;
    }
    return all;
  }
}
