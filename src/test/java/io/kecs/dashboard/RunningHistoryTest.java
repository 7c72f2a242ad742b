package io.kecs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Service;

class RunningHistoryTest {
  private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:service/c/s";
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final RunningHistory history =
      new RunningHistory(
          new Clock() {
            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          });

  private void service(int running, int desired) {
    history.changed(
        "service", ARN, Service.builder().runningCount(running).desiredCount(desired).build());
  }

  @Test
  void keepsAPointOnlyWhenACountChanges() {
    service(0, 2);
    service(0, 2);
    now = now.plusSeconds(5);
    service(2, 2);
    assertThat(history.json(ARN))
        .isEqualTo(
            "{\"windowMillis\":3600000,\"points\":[[1767225600000,0,2],[1767225605000,2,2]]}");
  }

  @Test
  void dropsPointsOlderThanTheWindowButKeepsTheValueBeforeIt() {
    service(1, 1);
    now = now.plusSeconds(60);
    service(2, 2);
    now = now.plusSeconds(120);
    service(3, 3);
    now = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofHours(1)).plusSeconds(90);
    // The first point is gone; the second stays as the value at the window's start.
    assertThat(history.json(ARN)).doesNotContain(",1,1]").contains(",2,2]").contains(",3,3]");
  }

  @Test
  void forgetsADeletedService() {
    service(1, 1);
    history.changed("service", ARN, null);
    assertThat(history.json(ARN)).contains("\"points\":[]");
  }
}
