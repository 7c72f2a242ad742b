package io.kecs.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;

class AwslogsOptionsTest {
  private static AwslogsOptions of(Map<String, String> extra) {
    Map<String, String> o =
        new HashMap<>(Map.of("awslogs-group", "g", "awslogs-region", "eu-west-1"));
    o.putAll(extra);
    return AwslogsOptions.of(
            ContainerDefinition.builder()
                .name("app")
                .logConfiguration(l -> l.logDriver(LogDriver.AWSLOGS).options(o))
                .build())
        .orElseThrow();
  }

  @Test
  void defaultsAreEcsOnes() {
    AwslogsOptions o = of(Map.of());
    assertThat(o.group()).isEqualTo("g");
    assertThat(o.region()).isEqualTo("eu-west-1");
    assertThat(o.createGroup()).isFalse();
    assertThat(o.nonBlocking()).isTrue(); // ECS's default since June 2025
    assertThat(o.maxBufferBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(o.eventStart()).isNull();
  }

  @Test
  void modeBufferAndCreateGroup() {
    AwslogsOptions o =
        of(Map.of("mode", "blocking", "max-buffer-size", "25m", "awslogs-create-group", "true"));
    assertThat(o.nonBlocking()).isFalse();
    assertThat(o.maxBufferBytes()).isEqualTo(25L * 1024 * 1024);
    assertThat(o.createGroup()).isTrue();
    assertThat(Sizes.parse("512k")).isEqualTo(512 * 1024);
    assertThat(Sizes.parse("4096")).isEqualTo(4096);
    assertThatThrownBy(() -> of(Map.of("max-buffer-size", "lots")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-buffer-size");
  }

  @Test
  void streamNamesAsEcsNamesThem() {
    assertThat(of(Map.of("awslogs-stream-prefix", "web")).streamName("app", "abc", "c0ffee"))
        .isEqualTo("web/app/abc");
    // Without a prefix Docker names the stream after the container's id.
    assertThat(of(Map.of()).streamName("app", "abc", "c0ffee")).isEqualTo("c0ffee");
  }

  @Test
  void theMultilinePatternWinsOverTheDatetimeFormat() {
    AwslogsOptions o =
        of(Map.of("awslogs-multiline-pattern", "^INFO", "awslogs-datetime-format", "%Y"));
    assertThat(o.eventStart().pattern()).isEqualTo("^INFO");
    assertThat(of(Map.of("awslogs-datetime-format", "%Y")).eventStart().pattern())
        .isEqualTo("^[0-9]{4}");
  }

  @Test
  void otherDriversHaveNoAwslogsOptions() {
    assertThat(
            AwslogsOptions.of(
                ContainerDefinition.builder()
                    .name("app")
                    .logConfiguration(l -> l.logDriver(LogDriver.JSON_FILE))
                    .build()))
        .isEmpty();
  }

  @Test
  void positionsRoundTripAndOrderLines() {
    LogPosition p = new LogPosition(Instant.parse("2026-12-04T10:00:00.123456789Z"), 2);
    assertThat(LogPosition.decode(p.encode())).isEqualTo(p);
    assertThat(p.before(p.time(), 2)).isFalse();
    assertThat(p.before(p.time(), 3)).isTrue();
    assertThat(p.before(p.time().minusNanos(1), 9)).isFalse();
    assertThat(p.before(p.time().plusNanos(1), 1)).isTrue();
  }
}
