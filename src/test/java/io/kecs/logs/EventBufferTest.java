package io.kecs.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventBufferTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  private static LogEvent event(String message) {
    return LogEvent.of(T.toEpochMilli(), message, new LogPosition(T, 1));
  }

  @Test
  void nonBlockingDropsWhatDoesNotFitAndCountsIt() throws Exception {
    EventBuffer b = new EventBuffer(100, true); // room for two 36-byte events
    for (int i = 0; i < 5; i++) {
      b.put(event("0123456789"));
    }
    assertThat(b.dropped()).isEqualTo(3);
    EventBatch batch = new EventBatch();
    b.drainInto(batch, Duration.ZERO);
    assertThat(batch.size()).isEqualTo(2);
    b.put(event("0123456789")); // room again
    assertThat(b.dropped()).isEqualTo(3);
  }

  @Test
  void anEventLargerThanTheBufferStillGoesWhenTheBufferIsEmpty() throws Exception {
    EventBuffer b = new EventBuffer(10, true);
    b.put(event("a longer message than ten bytes"));
    assertThat(b.dropped()).isZero();
  }

  @Test
  void drainingTakesWhatFitsTheBatchAndLeavesTheRest() throws Exception {
    EventBuffer b = new EventBuffer(Long.MAX_VALUE, false);
    for (int i = 0; i < 10_001; i++) {
      b.put(event("x"));
    }
    EventBatch first = new EventBatch();
    b.drainInto(first, Duration.ZERO);
    assertThat(first.size()).isEqualTo(10_000);
    b.end();
    assertThat(b.finished()).isFalse();
    EventBatch second = new EventBatch();
    b.drainInto(second, Duration.ZERO);
    assertThat(second.size()).isEqualTo(1);
    assertThat(b.finished()).isTrue();
  }
}
