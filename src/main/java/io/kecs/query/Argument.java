package io.kecs.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The argument of a comparison, converted once at parse time to what its subject compares with: a
 * regular expression, a number, a date or a version. Unused parts are null.
 */
record Argument(
    List<String> values, Pattern pattern, Long number, DatePoint date, AgentVersion version) {
  static final Argument NONE = new Argument(List.of(), null, null, null, null);

  String first() {
    return values.get(0);
  }

  static Argument of(Subject subject, Operator op, List<String> values, int position) {
    if (op == Operator.MATCHES || op == Operator.NOT_MATCHES) {
      try {
        return new Argument(values, Pattern.compile(values.get(0)), null, null, null);
      } catch (PatternSyntaxException e) {
        throw QueryException.at(position, "invalid regular expression: " + e.getDescription());
      }
    }
    return switch (subject) {
      case RUNNING_TASKS_COUNT ->
          new Argument(values, null, number(values.get(0), position), null, null);
      case REGISTERED_AT ->
          new Argument(values, null, null, DatePoint.parse(values.get(0), position), null);
      case AGENT_VERSION ->
          new Argument(
              values,
              null,
              null,
              null,
              AgentVersion.parse(values.get(0))
                  .orElseThrow(
                      () ->
                          QueryException.at(position, "'" + values.get(0) + "' is not a version")));
      case AGENT_CONNECTED -> new Argument(booleans(values, position), null, null, null, null);
      default -> new Argument(values, null, null, null, null);
    };
  }

  private static long number(String text, int position) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw QueryException.at(position, "'" + text + "' is not a whole number");
    }
  }

  private static List<String> booleans(List<String> values, int position) {
    return values.stream()
        .map(
            v -> {
              if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw QueryException.at(position, "'" + v + "' is not true or false");
              }
              return v.toLowerCase(Locale.ROOT);
            })
        .toList();
  }

  /**
   * A registeredAt argument. A bare date compares by day (UTC), so {@code registeredAt ==
   * 2024-05-01} means registered that day; a date-time compares to the second. Times without an
   * offset are UTC. The formats are the four the ECS guide lists.
   */
  record DatePoint(Instant instant, boolean dateOnly) {
    static DatePoint parse(String text, int position) {
      try {
        return new DatePoint(OffsetDateTime.parse(text).toInstant(), false);
      } catch (DateTimeParseException e) {
        // try the next format
      }
      try {
        return new DatePoint(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC), false);
      } catch (DateTimeParseException e) {
        // try the next format
      }
      try {
        return new DatePoint(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant(), true);
      } catch (DateTimeParseException e) {
        throw QueryException.at(
            position,
            "'"
                + text
                + "' is not a date; use 2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or"
                + " 2018-06-18T22:28:28+00:00");
      }
    }

    int compareTo(Instant registeredAt) {
      if (dateOnly) {
        return LocalDate.ofInstant(registeredAt, ZoneOffset.UTC)
            .compareTo(LocalDate.ofInstant(instant, ZoneOffset.UTC));
      }
      return registeredAt.truncatedTo(ChronoUnit.SECONDS).compareTo(instant);
    }
  }
}
