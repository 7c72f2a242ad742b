package io.kecs.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBatchTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  private static LogEvent event(long millis, String message, int line) {
    return LogEvent.of(
        T.toEpochMilli() + millis, message, new LogPosition(T.plusMillis(millis), line));
  }

  @Test
  void atMostTenThousandEvents() {
    EventBatch b = new EventBatch();
    for (int i = 0; i < 10_000; i++) {
      assertThat(b.add(event(i, "x", 1))).isTrue();
    }
    assertThat(b.add(event(10_000, "x", 1))).isFalse();
    assertThat(b.size()).isEqualTo(10_000);
  }

  @Test
  void atMostOneMebibyteCountingTwentySixBytesAnEvent() {
    EventBatch b = new EventBatch();
    String message = "y".repeat(1024 - 26);
    for (int i = 0; i < 1024; i++) {
      assertThat(b.add(event(i, message, 1))).isTrue();
    }
    assertThat(b.bytes()).isEqualTo(1_048_576);
    assertThat(b.add(event(2000, "", 1))).isFalse();
  }

  @Test
  void atMostTwentyFourHoursApart() {
    EventBatch b = new EventBatch();
    assertThat(b.add(event(0, "a", 1))).isTrue();
    assertThat(b.add(event(Duration.ofHours(24).toMillis(), "b", 1))).isTrue();
    assertThat(b.add(event(Duration.ofHours(24).toMillis() + 1, "c", 1))).isFalse();
  }

  @Test
  void sortedByTimeKeepingThePrintedOrderOfEqualTimesAndEndingAtTheLastPrinted() {
    EventBatch b = new EventBatch();
    b.add(event(5, "late", 1));
    b.add(event(1, "early", 1));
    b.add(event(1, "early too", 2));
    assertThat(b.sorted())
        .extracting(LogEvent::message)
        .containsExactly("early", "early too", "late");
    assertThat(b.end()).isEqualTo(new LogPosition(T.plusMillis(1), 2));
  }

  @Test
  void theFirstEventAlwaysFits() {
    EventBatch b = new EventBatch();
    assertThat(b.add(event(0, "z".repeat(LogEvent.MAX_EVENT_BYTES), 1))).isTrue();
  }
}
