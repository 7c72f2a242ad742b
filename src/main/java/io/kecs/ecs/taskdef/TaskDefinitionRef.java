package io.kecs.ecs.taskdef;

import io.kecs.ecs.common.Names;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a request names a (daemon) task definition by: {@code family}, {@code family:revision} or
 * the full ARN {@code arn:aws:ecs:region:account:<type>/family:revision}. {@code revision} is null
 * for a bare family, which stands for its latest ACTIVE revision.
 */
record TaskDefinitionRef(String family, Integer revision) {
  private static final Pattern FAMILY_REVISION = Pattern.compile("([^:]+)(?::(\\d{1,10}))?");

  /**
   * The reference in {@code text}, or empty if it is malformed or is an ARN of another type,
   * account or region (those name nothing the caller can see).
   */
  static Optional<TaskDefinitionRef> parse(Scope scope, String resourceType, String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    String path = text;
    if (Arn.looksLikeArn(text)) {
      Optional<Arn> arn =
          Arn.parse(text)
              .filter(a -> a.service().equals("ecs"))
              .filter(a -> a.resourceType().equals(resourceType))
              .filter(a -> a.scope().equals(scope));
      if (arn.isEmpty()) {
        return Optional.empty();
      }
      path = arn.get().resourcePath();
    }
    Matcher m = FAMILY_REVISION.matcher(path);
    if (!m.matches() || !Names.isValidName(m.group(1))) {
      return Optional.empty();
    }
    if (m.group(2) == null) {
      // An ARN always carries its revision.
      return Arn.looksLikeArn(text)
          ? Optional.empty()
          : Optional.of(new TaskDefinitionRef(m.group(1), null));
    }
    long revision = Long.parseLong(m.group(2));
    if (revision < 1 || revision > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    return Optional.of(new TaskDefinitionRef(m.group(1), (int) revision));
  }

  static Arn arn(Scope scope, String resourceType, String family, int revision) {
    return Arn.ecs(scope, resourceType, family + ":" + revision);
  }

  boolean hasRevision() {
    return revision != null;
  }
}
