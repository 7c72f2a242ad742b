package io.kecs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChangeStreamTest {
  private static final String MINE = ":us-east-1:000000000000:";

  @Test
  void keepsOnlyTheIdsOfTheClientsScope() {
    Map<String, Set<String>> batch = new LinkedHashMap<>();
    batch.put(
        "service",
        new LinkedHashSet<>(
            java.util.List.of(
                "arn:aws:ecs:us-east-1:000000000000:service/a/web",
                "arn:aws:ecs:eu-west-1:000000000000:service/a/web")));
    batch.put("task", Set.of("arn:aws:ecs:eu-west-1:000000000000:task/a/1"));
    assertThat(ChangeStream.eventFor(batch, MINE))
        .isEqualTo(
            "{\"service\":{\"ids\":[\"arn:aws:ecs:us-east-1:000000000000:service/a/web\"]}}");
    assertThat(ChangeStream.eventFor(Map.of("task", batch.get("task")), MINE)).isNull();
  }

  @Test
  void aBurstBecomesMany() {
    Set<String> ids =
        IntStream.range(0, ChangeStream.MAX_IDS + 1)
            .mapToObj(i -> "arn:aws:ecs:us-east-1:000000000000:task/a/" + i)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    assertThat(ChangeStream.eventFor(Map.of("task", ids), MINE))
        .isEqualTo("{\"task\":{\"many\":true}}");
  }
}
