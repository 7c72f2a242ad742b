package io.kecs.logs;

import java.util.Locale;

/** Docker's size strings ({@code 10m}, {@code 512k}, {@code 1g}, {@code 4096}), in bytes. */
final class Sizes {
  private Sizes() {}

  /** The size in bytes; an unreadable size is refused, as Docker refuses the option. */
  static long parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT).replaceAll("i?b$", "");
    long unit = 1;
    if (!t.isEmpty()) {
      switch (t.charAt(t.length() - 1)) {
        case 'k' -> unit = 1024L;
        case 'm' -> unit = 1024L * 1024;
        case 'g' -> unit = 1024L * 1024 * 1024;
        default -> unit = 1;
      }
    }
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    try {
      double n = Double.parseDouble(digits.trim());
      if (n <= 0) {
        throw new IllegalArgumentException("max-buffer-size must be positive: " + s);
      }
      return (long) (n * unit);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("max-buffer-size is not a size: " + s, e);
    }
  }
}
