package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kecs.runtime.RuntimeConnection;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * An API server that stops answering is reported as such, within the probe's bound, and the answer
 * is cached for a moment (the answering case runs on the real control plane: RealTasksIT).
 */
class ApiServerProbeIT {
  @Test
  void aSilentApiServerIsReportedNotAnsweringWithinItsBound() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(
                new ConfigBuilder()
                    .withMasterUrl("https://127.0.0.1:" + port)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {
      MutableClock clock = new MutableClock();
      ApiServerProbe probe = new ApiServerProbe(client, clock);
      long started = System.nanoTime();
      RuntimeConnection first = probe.check();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      assertThat(first.reachable()).isFalse();
      assertThat(first.endpoint()).contains("127.0.0.1:" + port);
      assertThat(first.detail()).isNotBlank();
      assertThat(probe.check()).isSameAs(first);
      clock.now = clock.now.plusSeconds(3);
      assertThat(probe.check()).isNotSameAs(first);
    }
  }

  private static final class MutableClock extends Clock {
    Instant now = Instant.parse("2026-12-04T00:00:00Z");

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
  }
}
