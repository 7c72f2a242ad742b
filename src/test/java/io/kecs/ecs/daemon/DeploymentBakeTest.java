package io.kecs.ecs.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.clock.ManualScheduler;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bake time between the steps of a daemon deployment, on a clock moved by hand. */
class DeploymentBakeTest {
  private final ManualScheduler clock = new ManualScheduler();
  private final DeploymentBake bake = new DeploymentBake();
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @Test
  void aFinishedStepBakesBeforeTheNext() {
    assertThat(bake.settle("d", true, FIVE_MINUTES, clock.now())).isEmpty();

    bake.stepStarted("d");
    // Instances still coming back: the step is not finished.
    assertThat(bake.settle("d", false, FIVE_MINUTES, clock.now())).isEmpty();
    assertThat(bake.baking("d", clock.now())).isFalse();

    assertThat(bake.settle("d", true, FIVE_MINUTES, clock.now()))
        .contains(clock.now().plus(FIVE_MINUTES));
    clock.advance(Duration.ofMinutes(4));
    assertThat(bake.baking("d", clock.now())).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(bake.baking("d", clock.now())).isFalse();
    // Settling again without a new step starts no new bake.
    assertThat(bake.settle("d", true, FIVE_MINUTES, clock.now())).isEmpty();
  }

  @Test
  void noBakeTimeMeansNoWaitAndANewDeploymentForgets() {
    bake.stepStarted("d");
    assertThat(bake.settle("d", true, Duration.ZERO, clock.now())).isEmpty();
    assertThat(bake.baking("d", clock.now())).isFalse();

    bake.stepStarted("d");
    bake.settle("d", true, FIVE_MINUTES, clock.now());
    assertThat(bake.baking("d", clock.now())).isTrue();
    bake.forget("d");
    assertThat(bake.baking("d", clock.now())).isFalse();
  }
}
