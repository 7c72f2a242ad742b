package io.kecs.logs;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code awslogs-datetime-format} (strftime) as the regular expression of a line that begins a log
 * event, as Docker's driver builds it: each directive becomes the pattern of what it prints, the
 * rest is kept as written (so {@code \[} in the format is a literal bracket, as in Docker's
 * examples), and the pattern must match at the start of the line.
 */
final class DatetimeFormat {
  private DatetimeFormat() {}

  private static final String MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec";
  private static final String DAYS = "Mon|Tue|Wed|Thu|Fri|Sat|Sun";

  private static final Map<Character, String> DIRECTIVES =
      Map.ofEntries(
          Map.entry('a', "(?:" + DAYS + ")"),
          Map.entry('A', "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"),
          Map.entry('b', "(?:" + MONTHS + ")"),
          Map.entry(
              'B',
              "(?:January|February|March|April|May|June|July|August|September|October|November"
                  + "|December)"),
          Map.entry('d', "(?:0[1-9]|[12][0-9]|3[01])"),
          Map.entry('e', "(?: [1-9]|[12][0-9]|3[01])"),
          Map.entry('f', "[0-9]{1,9}"),
          Map.entry('H', "(?:[01][0-9]|2[0-3])"),
          Map.entry('I', "(?:0[0-9]|1[0-2])"),
          Map.entry('j', "(?:00[1-9]|0[1-9][0-9]|[12][0-9][0-9]|3[0-5][0-9]|36[0-6])"),
          Map.entry('L', "\\.[0-9]{3}"),
          Map.entry('m', "(?:0[1-9]|1[0-2])"),
          Map.entry('M', "[0-5][0-9]"),
          Map.entry('p', "[AP]M"),
          Map.entry('S', "(?:[0-5][0-9]|60)"),
          Map.entry('U', "(?:[0-4][0-9]|5[0-3])"),
          Map.entry('w', "[0-6]"),
          Map.entry('W', "(?:[0-4][0-9]|5[0-3])"),
          Map.entry('y', "[0-9]{2}"),
          Map.entry('Y', "[0-9]{4}"),
          Map.entry('z', "(?:[+-][0-9]{2}:?[0-9]{2}|Z)"),
          Map.entry('Z', "[A-Z]{1,5}"),
          Map.entry('%', "%"));

  /** The regular expression for {@code format}, anchored at the start of a line. */
  static String toRegex(String format) {
    StringBuilder out = new StringBuilder("^");
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c == '%' && i + 1 < format.length() && DIRECTIVES.containsKey(format.charAt(i + 1))) {
        out.append(DIRECTIVES.get(format.charAt(++i)));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  static Pattern toPattern(String format) {
    return Pattern.compile(toRegex(format));
  }
}
