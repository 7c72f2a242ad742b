package io.kecs.runtime.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/** KECS_SIMULATE_OUTPUT and its companions, from the definition and RunTask overrides. */
class SimulatedOutputKnobsTest {
  private static SimulatedBehaviour of(Map<String, String> env, Map<String, String> override) {
    ContainerDefinition def =
        ContainerDefinition.builder()
            .name("app")
            .environment(
                env.entrySet().stream()
                    .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build())
                    .toList())
            .build();
    Task task =
        Task.builder()
            .overrides(
                o ->
                    o.containerOverrides(
                        c ->
                            c.name("app")
                                .environment(
                                    override.entrySet().stream()
                                        .map(
                                            e ->
                                                KeyValuePair.builder()
                                                    .name(e.getKey())
                                                    .value(e.getValue())
                                                    .build())
                                        .toList())))
            .build();
    return SimulatedBehaviour.of(def, task);
  }

  @Test
  void linesSplitOnLineBreaksOrBackslashN() {
    SimulatedBehaviour b =
        of(Map.of("KECS_SIMULATE_OUTPUT", "one\\ntwo\nthree\r\nfour\n"), Map.of());
    assertThat(b.output()).containsExactly("one", "two", "three", "four");
    assertThat(b.outputInterval()).isEqualTo(Duration.ZERO);
    assertThat(b.outputRepeat()).isEqualTo(1);
  }

  @Test
  void intervalRepeatAndOverrides() {
    SimulatedBehaviour b =
        of(
            Map.of("KECS_SIMULATE_OUTPUT", "x", "KECS_SIMULATE_OUTPUT_INTERVAL_MS", "250"),
            Map.of("KECS_SIMULATE_OUTPUT", "y\nz", "KECS_SIMULATE_OUTPUT_REPEAT", "3"));
    assertThat(b.output()).containsExactly("y", "z");
    assertThat(b.outputInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(b.outputRepeat()).isEqualTo(3);
  }

  @Test
  void noOutputByDefault() {
    assertThat(of(Map.of(), Map.of()).output()).isEmpty();
  }
}
