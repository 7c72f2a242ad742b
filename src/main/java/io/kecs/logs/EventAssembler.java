package io.kecs.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a container's lines into log events as Docker's awslogs driver does. Without a start
 * pattern every line is an event (lines too long for one event are split). With one (multiline
 * pattern or datetime format), a line that matches begins an event and the lines after it that do
 * not match join it, each ending with a line break; the event takes its first line's time and is
 * complete when the next one begins, when it would grow past the event size limit, when the output
 * ends, or when no line came for a while ({@link #idle}).
 */
final class EventAssembler {
  private final Pattern start;
  private final StringBuilder pending = new StringBuilder();
  private int pendingBytes;
  private long pendingTime;
  private LogPosition pendingEnd;
  private Instant lastLine;

  EventAssembler(Pattern start) {
    this.start = start;
  }

  /** The events {@code text} (printed at {@code time}, at {@code position}) completes. */
  List<LogEvent> offer(Instant time, String text, LogPosition position) {
    List<LogEvent> out = new ArrayList<>();
    lastLine = time;
    if (start == null) {
      split(time.toEpochMilli(), text, position, out);
      return out;
    }
    String line = text + "\n";
    int bytes = utf8(line);
    if (pendingEnd != null
        && (start.matcher(text).find() || pendingBytes + bytes > LogEvent.MAX_EVENT_BYTES)) {
      out.add(takePending());
    }
    if (bytes > LogEvent.MAX_EVENT_BYTES) {
      split(time.toEpochMilli(), text, position, out);
      return out;
    }
    if (pendingEnd == null) {
      pendingTime = time.toEpochMilli();
    }
    pending.append(line);
    pendingBytes += bytes;
    pendingEnd = position;
    return out;
  }

  /** The pending event, when its last line is {@code quiet} old at {@code now}; else none. */
  List<LogEvent> idle(Instant now, java.time.Duration quiet) {
    if (pendingEnd == null || lastLine.plus(quiet).isAfter(now)) {
      return List.of();
    }
    return List.of(takePending());
  }

  /** The pending event, if any: the output ended. */
  List<LogEvent> flush() {
    return pendingEnd == null ? List.of() : List.of(takePending());
  }

  private LogEvent takePending() {
    LogEvent e = LogEvent.of(pendingTime, pending.toString(), pendingEnd);
    pending.setLength(0);
    pendingBytes = 0;
    pendingEnd = null;
    return e;
  }

  /** One event per piece of at most the event size limit, cut between characters. */
  private static void split(long time, String text, LogPosition position, List<LogEvent> out) {
    if (utf8(text) <= LogEvent.MAX_EVENT_BYTES) {
      out.add(LogEvent.of(time, text, position));
      return;
    }
    int from = 0;
    while (from < text.length()) {
      int to = from;
      int bytes = 0;
      while (to < text.length()) {
        int cp = text.codePointAt(to);
        int n = utf8(new String(Character.toChars(cp)));
        if (bytes + n > LogEvent.MAX_EVENT_BYTES) {
          break;
        }
        bytes += n;
        to += Character.charCount(cp);
      }
      out.add(LogEvent.of(time, text.substring(from, to), position));
      from = to;
    }
  }

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
