package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kecs.runtime.ContainerUsage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * A pod's containers' usage from the cluster's metrics API ({@code metrics.k8s.io}, served by
 * metrics-server where it is installed): CPU averaged over the metrics window, memory's working
 * set. A cluster without the API, or a pod not measured yet, answers nothing.
 */
final class PodUsage implements ContainerUsage {
  private final KubernetesClient client;
  private final Function<String, Pod> podOf;

  PodUsage(KubernetesClient client, Function<String, Pod> podOf) {
    this.client = client;
    this.podOf = podOf;
  }

  @Override
  public Optional<Usage> of(String taskArn, String container) {
    Pod pod = podOf.apply(taskArn);
    if (pod == null) {
      return Optional.empty();
    }
    PodMetrics metrics;
    try {
      metrics =
          client
              .top()
              .pods()
              .metrics(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    } catch (KubernetesClientException e) {
      return Optional.empty(); // no metrics API in this cluster, or no sample of the pod yet
    }
    if (metrics == null || metrics.getContainers() == null) {
      return Optional.empty();
    }
    String name = KubeNames.label(container);
    return metrics.getContainers().stream()
        .filter(c -> name.equals(c.getName()))
        .findFirst()
        .map(c -> usage(c, metrics));
  }

  private static Usage usage(ContainerMetrics c, PodMetrics pod) {
    Quantity cpu = c.getUsage() == null ? null : c.getUsage().get("cpu");
    Quantity memory = c.getUsage() == null ? null : c.getUsage().get("memory");
    Duration window = window(pod.getWindow());
    return new Usage(
        cpu == null ? 0 : Quantity.getAmountInBytes(cpu).movePointRight(9).longValue(),
        memory == null ? 0 : amount(memory).longValue(),
        window,
        time(pod.getTimestamp()));
  }

  private static BigDecimal amount(Quantity q) {
    return Quantity.getAmountInBytes(q);
  }

  /** The metrics window; a second when the API gives none (the CPU rate is then per second). */
  private static Duration window(io.fabric8.kubernetes.api.model.Duration window) {
    return window == null || window.getDuration() == null || window.getDuration().isZero()
        ? Duration.ofSeconds(1)
        : window.getDuration();
  }

  private static Instant time(String text) {
    try {
      return text == null ? Instant.now() : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.now();
    }
  }
}
