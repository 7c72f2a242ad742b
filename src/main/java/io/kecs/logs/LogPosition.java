package io.kecs.logs;

import java.time.Instant;

/**
 * How far a stream's shipping got: the time of the last line shipped and how many lines with
 * exactly that time were shipped (runtimes may print several lines within one clock tick).
 */
record LogPosition(Instant time, int atTime) {

  /**
   * Whether a line printed at {@code lineTime}, the {@code index}-th (1-based) at it, came after.
   */
  boolean before(Instant lineTime, int index) {
    int c = lineTime.compareTo(time);
    return c > 0 || (c == 0 && index > atTime);
  }

  String encode() {
    return time + "#" + atTime;
  }

  static LogPosition decode(String s) {
    int hash = s.lastIndexOf('#');
    return new LogPosition(
        Instant.parse(s.substring(0, hash)), Integer.parseInt(s.substring(hash + 1)));
  }
}
