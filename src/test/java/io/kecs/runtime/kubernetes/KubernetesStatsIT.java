package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Duration;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Task metadata stats from the cluster's metrics API (metrics.k8s.io, as metrics-server serves it),
 * on the mock API server: a measured container's memory working set and CPU rate come back in
 * Docker's stats shape; a container not measured has zeros.
 */
class KubernetesStatsIT {
  @RegisterExtension static KubernetesKecs kecs = new KubernetesKecs();

  @Test
  void statsCarryWhatTheMetricsApiMeasured() throws Exception {
    EcsTasks tasks = kecs.tasks("measured");
    tasks.register("app", "web");
    Task task = tasks.run("app");
    String id = EcsTasks.id(task);
    Pod pod = kecs.kubelet().awaitPod(id);
    kecs.kubelet().run(pod, "10.4.0.9", true);
    kecs.awaitTrue(() -> "RUNNING".equals(tasks.describe(task).lastStatus()));

    // Not measured yet: zeros, as before.
    JsonNode before = stats(id + ".web");
    assertThat(before.path("memory_stats").path("usage").asLong()).isZero();

    PodMetrics metrics =
        new PodMetricsBuilder()
            .withNewMetadata()
            .withName(pod.getMetadata().getName())
            .withNamespace(pod.getMetadata().getNamespace())
            .endMetadata()
            .withTimestamp("2026-12-05T00:40:00Z")
            .withWindow(new Duration(java.time.Duration.ofSeconds(10)))
            .addNewContainer()
            .withName("web")
            .withUsage(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("64Mi")))
            .endContainer()
            .build();
    kecs.client().resource(metrics).create();

    JsonNode n = stats(id + ".web");
    assertThat(n.path("memory_stats").path("usage").asLong()).isEqualTo(64L * 1024 * 1024);
    long cpuDelta =
        n.path("cpu_stats").path("cpu_usage").path("total_usage").asLong()
            - n.path("precpu_stats").path("cpu_usage").path("total_usage").asLong();
    long systemDelta =
        n.path("cpu_stats").path("system_cpu_usage").asLong()
            - n.path("precpu_stats").path("system_cpu_usage").asLong();
    int cpus = n.path("cpu_stats").path("online_cpus").asInt();
    // The usual CPU% formula gives the measured quarter of a core.
    assertThat((double) cpuDelta / systemDelta * cpus)
        .isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.001));
    // The task's stats hold the same document under the container's Docker id.
    JsonNode all = get("/v4/" + id + "/task/stats");
    assertThat(all.toString()).contains("\"usage\":" + 64L * 1024 * 1024);
  }

  private static JsonNode stats(String endpointId) throws Exception {
    return get("/v4/" + endpointId + "/stats");
  }

  private static JsonNode get(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(kecs.endpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return new ObjectMapper().readTree(r.body());
  }
}
