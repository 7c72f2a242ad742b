package io.kecs.servicediscovery.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.servicediscovery.instance.InstanceRegistry.Registered;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.Instance;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;

class ZoneAnswerTest {
  private static List<Registered> instances(int healthy, int unhealthy) {
    List<Registered> out = new ArrayList<>();
    for (int i = 0; i < healthy + unhealthy; i++) {
      out.add(
          new Registered(
              Instance.builder().id("i" + i).build(),
              i < healthy ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY));
    }
    return out;
  }

  @Test
  void multivalueGivesAtMostEightHealthy() {
    assertThat(ZoneAnswer.pick(RoutingPolicy.MULTIVALUE, instances(20, 5)))
        .hasSize(8)
        .allMatch(r -> r.health() == HealthStatus.HEALTHY);
    assertThat(ZoneAnswer.pick(RoutingPolicy.MULTIVALUE, instances(3, 5)))
        .hasSize(3)
        .allMatch(r -> r.health() == HealthStatus.HEALTHY);
  }

  @Test
  void weightedGivesOne() {
    assertThat(ZoneAnswer.pick(RoutingPolicy.WEIGHTED, instances(5, 0))).hasSize(1);
  }

  @Test
  void noneHealthyFailsOpen() {
    assertThat(ZoneAnswer.pick(RoutingPolicy.MULTIVALUE, instances(0, 4))).hasSize(4);
    assertThat(ZoneAnswer.pick(RoutingPolicy.WEIGHTED, instances(0, 4))).hasSize(1);
  }

  @Test
  void unknownCountsAsHealthy() {
    List<Registered> unknown =
        List.of(new Registered(Instance.builder().id("a").build(), HealthStatus.UNKNOWN));
    assertThat(ZoneAnswer.pick(RoutingPolicy.MULTIVALUE, unknown)).hasSize(1);
  }
}
