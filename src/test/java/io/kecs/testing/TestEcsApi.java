package io.kecs.testing;

import io.kecs.clock.ManualScheduler;
import io.kecs.ecs.EcsApi;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.runtime.simulated.SimulatedRuntime;
import io.kecs.runtime.simulated.SimulationTimings;
import io.kecs.store.Database;

/** The ECS API over a store, on a clock that only moves when a test says so. */
public final class TestEcsApi {
  private TestEcsApi() {}

  public static EcsApi create(Database db, AwsJsonCodec codec) {
    ManualScheduler clock = new ManualScheduler();
    return new EcsApi(
        db,
        codec,
        clock,
        new SimulatedRuntime(clock, SimulationTimings.FAST),
        () -> java.net.URI.create("http://localhost:4566"));
  }
}
