package io.kecs.logs;

import java.nio.charset.StandardCharsets;

/**
 * One CloudWatch Logs event: a line, or several grouped by the multiline pattern.
 *
 * @param size what CloudWatch Logs counts for the event in a batch: its UTF-8 bytes plus 26
 * @param end the position of the event's last line: once the event is shipped, reading resumes
 *     after it
 */
record LogEvent(long timestamp, String message, LogPosition end, int size) {
  static final int OVERHEAD = 26;

  /** The largest event CloudWatch Logs takes (256 KiB with the overhead). */
  static final int MAX_EVENT_BYTES = 262_144 - OVERHEAD;

  static LogEvent of(long timestamp, String message, LogPosition end) {
    return new LogEvent(
        timestamp, message, end, message.getBytes(StandardCharsets.UTF_8).length + OVERHEAD);
  }
}
