package io.kecs.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Request counts and latency per service and action, exposed on the admin port. */
public final class RequestMetrics {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests =
      Counter.builder()
          .name("kecs_requests_total")
          .help("AWS API requests served, by service, action and HTTP status")
          .labelNames("service", "action", "status")
          .register(registry);
  private final Histogram latency =
      Histogram.builder()
          .name("kecs_request_duration_seconds")
          .help("Time to serve an AWS API request, by service and action")
          .labelNames("service", "action")
          .classicUpperBounds(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5)
          .register(registry);

  void record(String service, String action, int status, long nanos) {
    requests.labelValues(service, action, Integer.toString(status)).inc();
    latency.labelValues(service, action).observe(nanos / 1e9);
  }

  PrometheusRegistry registry() {
    return registry;
  }
}
