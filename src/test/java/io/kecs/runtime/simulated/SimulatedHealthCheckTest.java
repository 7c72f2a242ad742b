package io.kecs.runtime.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.HealthCheck;

/** A simulated health check settles on the check's own interval, timeout, retries, start period. */
class SimulatedHealthCheckTest {
  private static SimulatedHealthCheck check(
      Integer interval, Integer timeout, Integer retries, Integer start) {
    return SimulatedHealthCheck.of(
        HealthCheck.builder()
            .command("CMD", "true")
            .interval(interval)
            .timeout(timeout)
            .retries(retries)
            .startPeriod(start)
            .build());
  }

  @Test
  void healthyAtTheFirstCheck() {
    assertThat(check(5, 2, 3, null).healthyAfterSeconds()).isEqualTo(5);
    assertThat(check(null, null, null, null).healthyAfterSeconds()).isEqualTo(30);
  }

  @Test
  void unhealthyAfterRetriesCountedFailuresOutsideTheStartPeriod() {
    // interval 5, timeout 5, one retry: the first check fails at 5 + 5.
    assertThat(check(5, 5, 1, null).unhealthyAfterSeconds()).isEqualTo(10);
    // Docker's defaults: checks at 30, 65, 100, each failing 5 s later.
    assertThat(check(null, null, null, null).unhealthyAfterSeconds()).isEqualTo(105);
    // Start period 12: the check at 5 does not count; those at 12, 19 and 26 do.
    assertThat(check(5, 2, 3, 12).unhealthyAfterSeconds()).isEqualTo(28);
  }

  @Test
  void oneCheckSecondIsOneSimulationStep() {
    assertThat(SimulatedHealthCheck.scaled(30, Duration.ofMillis(20)))
        .isEqualTo(Duration.ofMillis(600));
  }
}
