package io.kecs.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EventAssemblerTest {
  private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

  private static LogPosition at(int n) {
    return new LogPosition(T.plusSeconds(n), 1);
  }

  @Test
  void withoutAPatternEveryLineIsAnEvent() {
    EventAssembler a = new EventAssembler(null);
    assertThat(a.offer(T, "one", at(0))).extracting(LogEvent::message).containsExactly("one");
    assertThat(a.offer(T.plusSeconds(1), "two", at(1)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.timestamp()).isEqualTo(T.plusSeconds(1).toEpochMilli());
              assertThat(e.end()).isEqualTo(at(1));
              assertThat(e.size()).isEqualTo(3 + 26);
            });
    assertThat(a.flush()).isEmpty();
  }

  @Test
  void aMatchingLineBeginsAnEventAndTheOthersJoinIt() {
    EventAssembler a = new EventAssembler(Pattern.compile("^\\["));
    List<LogEvent> out = new ArrayList<>();
    out.addAll(a.offer(T, "[1] failed", at(0)));
    out.addAll(a.offer(T.plusSeconds(1), "  at a", at(1)));
    out.addAll(a.offer(T.plusSeconds(2), "  at b", at(2)));
    assertThat(out).isEmpty();
    out.addAll(a.offer(T.plusSeconds(3), "[2] next", at(3)));
    assertThat(out)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.message()).isEqualTo("[1] failed\n  at a\n  at b\n");
              assertThat(e.timestamp()).isEqualTo(T.toEpochMilli()); // its first line's
              assertThat(e.end()).isEqualTo(at(2)); // its last line's
            });
    assertThat(a.flush()).extracting(LogEvent::message).containsExactly("[2] next\n");
  }

  @Test
  void linesBeforeTheFirstMatchFormAnEventOfTheirOwn() {
    EventAssembler a = new EventAssembler(Pattern.compile("^\\["));
    assertThat(a.offer(T, "banner", at(0))).isEmpty();
    assertThat(a.offer(T, "[1] x", at(1)))
        .extracting(LogEvent::message)
        .containsExactly("banner\n");
  }

  @Test
  void aPendingEventGoesOnceNoLineCameForAWhile() {
    EventAssembler a = new EventAssembler(Pattern.compile("^\\["));
    a.offer(T, "[1] x", at(0));
    assertThat(a.idle(T.plusMillis(999), Duration.ofSeconds(1))).isEmpty();
    assertThat(a.idle(T.plusSeconds(1), Duration.ofSeconds(1)))
        .extracting(LogEvent::message)
        .containsExactly("[1] x\n");
    assertThat(a.idle(T.plusSeconds(5), Duration.ofSeconds(1))).isEmpty();
  }

  @Test
  void eventsNeverGrowPastTheEventSizeLimit() {
    EventAssembler a = new EventAssembler(Pattern.compile("^START"));
    String chunk = "x".repeat(100_000);
    a.offer(T, "START", at(0));
    a.offer(T, chunk, at(1));
    List<LogEvent> out = a.offer(T, chunk, at(2)); // would pass 256 KiB with the third
    out.addAll(a.offer(T, chunk, at(3)));
    out.addAll(a.flush());
    assertThat(out).allSatisfy(e -> assertThat(e.size()).isLessThanOrEqualTo(262_144));
    assertThat(String.join("", out.stream().map(LogEvent::message).toList()))
        .isEqualTo("START\n" + (chunk + "\n").repeat(3));
  }

  @Test
  void aLineLongerThanAnEventIsSplit() {
    EventAssembler a = new EventAssembler(null);
    String line = "é".repeat(200_000); // 400,000 bytes
    List<LogEvent> out = a.offer(T, line, at(0));
    assertThat(out).hasSize(2);
    assertThat(out).allSatisfy(e -> assertThat(e.size()).isLessThanOrEqualTo(262_144));
    assertThat(out.get(0).message() + out.get(1).message()).isEqualTo(line);
  }
}
