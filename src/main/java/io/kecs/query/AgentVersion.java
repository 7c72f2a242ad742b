package io.kecs.query;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dotted agent version ({@code 1.51.0}); a suffix such as {@code -dev} is ignored. */
record AgentVersion(int[] parts) implements Comparable<AgentVersion> {
  private static final Pattern LEADING = Pattern.compile("v?(\\d+(?:\\.\\d+)*)");

  static Optional<AgentVersion> parse(String text) {
    Matcher m = LEADING.matcher(text);
    if (!m.lookingAt()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new AgentVersion(
              Arrays.stream(m.group(1).split("\\.")).mapToInt(Integer::parseInt).toArray()));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a part too large for an int is no version ECS would report
    }
  }

  @Override
  public int compareTo(AgentVersion o) {
    for (int i = 0; i < Math.max(parts.length, o.parts.length); i++) {
      int a = i < parts.length ? parts[i] : 0;
      int b = i < o.parts.length ? o.parts[i] : 0;
      if (a != b) {
        return Integer.compare(a, b);
      }
    }
    return 0;
  }
}
