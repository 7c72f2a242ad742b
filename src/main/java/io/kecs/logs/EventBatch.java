package io.kecs.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One PutLogEvents request's events, within CloudWatch Logs' limits: at most 10,000 events and
 * 1,048,576 bytes (each event's UTF-8 bytes plus 26), spanning at most 24 hours; sent sorted by
 * time, as the service requires.
 */
final class EventBatch {
  static final int MAX_EVENTS = 10_000;
  static final int MAX_BYTES = 1_048_576;
  static final long MAX_SPAN_MILLIS = Duration.ofHours(24).toMillis();

  private final List<LogEvent> events = new ArrayList<>();
  private int bytes;
  private long earliest = Long.MAX_VALUE;
  private long latest = Long.MIN_VALUE;

  /** Adds {@code e} when it fits; false when it belongs in the next batch. */
  boolean add(LogEvent e) {
    int size = e.size();
    long first = Math.min(earliest, e.timestamp());
    long last = Math.max(latest, e.timestamp());
    if (!events.isEmpty()
        && (events.size() >= MAX_EVENTS
            || bytes + size > MAX_BYTES
            || last - first > MAX_SPAN_MILLIS)) {
      return false;
    }
    events.add(e);
    bytes += size;
    earliest = first;
    latest = last;
    return true;
  }

  boolean isEmpty() {
    return events.isEmpty();
  }

  int size() {
    return events.size();
  }

  int bytes() {
    return bytes;
  }

  /** The events sorted by time; those with the same time keep the order they were printed in. */
  List<LogEvent> sorted() {
    List<LogEvent> out = new ArrayList<>(events);
    out.sort(Comparator.comparingLong(LogEvent::timestamp));
    return out;
  }

  /** Where reading resumes once this batch is shipped: after its last event as printed. */
  LogPosition end() {
    return events.get(events.size() - 1).end();
  }
}
