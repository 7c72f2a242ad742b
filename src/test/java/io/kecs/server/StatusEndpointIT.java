package io.kecs.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kecs.testing.KecsTestServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/** {@code GET /_kecs/status}: what {@code kecs status} shows, counted over every account. */
class StatusEndpointIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  @Test
  void describesTheServerAndCountsEveryAccountAndRegion() throws Exception {
    JsonNode empty = status();
    assertThat(empty.path("version").asText()).isNotEmpty();
    assertThat(empty.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
    assertThat(empty.path("endpoint").asText()).isEqualTo(kecs.endpoint().toString());
    assertThat(empty.path("adminEndpoint").asText()).isEqualTo(kecs.adminEndpoint().toString());
    assertThat(empty.path("runtime").asText()).isEqualTo("simulated");
    assertThat(empty.path("store").asText()).isEqualTo("memory");
    assertThat(empty.path("ephemeral").asBoolean()).isTrue();
    assertThat(Instant.parse(empty.path("startedAt").asText())).isBefore(Instant.now());
    assertThat(empty.path("uptimeSeconds").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(empty.path("counts").path("clusters").asInt()).isZero();

    kecs.ecs().createCluster(r -> r.clusterName("a"));
    kecs.ecs().createCluster(r -> r.clusterName("gone"));
    kecs.ecs().deleteCluster(r -> r.cluster("gone"));
    try (EcsClient other = kecs.client("123456789012", Region.EU_WEST_1)) {
      other.createCluster(r -> r.clusterName("b"));
    }
    kecs.ecs()
        .registerTaskDefinition(
            r ->
                r.family("web")
                    .requiresCompatibilities(Compatibility.FARGATE)
                    .networkMode(NetworkMode.AWSVPC)
                    .cpu("256")
                    .memory("512")
                    .containerDefinitions(c -> c.name("app").image("nginx:1.27")));
    List<String> tasks =
        kecs
            .ecs()
            .runTask(
                r ->
                    r.cluster("a")
                        .taskDefinition("web")
                        .count(2)
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(v -> v.subnets("subnet-12345"))))
            .tasks()
            .stream()
            .map(Task::taskArn)
            .toList();
    kecs.waiter().waitUntilTasksRunning(r -> r.cluster("a").tasks(tasks));

    JsonNode counts = status().path("counts");
    assertThat(counts.path("clusters").asInt()).isEqualTo(2); // INACTIVE ones are not counted
    assertThat(counts.path("runningTasks").asInt()).isEqualTo(2);
    assertThat(counts.path("pendingTasks").asInt()).isZero();
    assertThat(counts.path("containerInstances").asInt()).isZero();
    assertThat(counts.path("activeServices").asInt()).isZero();
  }

  private static JsonNode status() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(kecs.endpoint().resolve("/_kecs/status")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    return new ObjectMapper().readTree(r.body());
  }
}
