package io.kecs.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;

/** The dashboard's HTTP side without a browser: assets, reads, the change stream, bad input. */
class DashboardEndpointsIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(kecs.endpoint().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageFromTheJarWithAStrictContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get("/_kecs/ui/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> v.startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(
            v -> assertThat(v).contains("script-src 'self'").doesNotContain("unsafe"));
    assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\">");
    assertThat(get("/_kecs/ui/js/app.js").headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/javascript"));
    assertThat(get("/_kecs/ui").statusCode()).isEqualTo(302);
  }

  @Test
  void refusesUnknownFilesPathsOutOfTheFolderAndWrites() throws Exception {
    assertThat(get("/_kecs/ui/nope.js").statusCode()).isEqualTo(404);
    assertThat(get("/_kecs/ui/..%2f..%2fio/kecs/server/KecsServer.class").statusCode())
        .isIn(400, 404);
    assertThat(get("/_kecs/ui/api/history").statusCode()).isEqualTo(400);
    assertThat(get("/_kecs/ui/events?account=abc").statusCode()).isEqualTo(400);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(kecs.endpoint().resolve("/_kecs/ui/api/overview"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    // Everything else still reaches the API.
    assertThat(get("/_kecs/health").body()).contains("ok");
  }

  @Test
  void overviewListsTheScopesThatHoldClusters() throws Exception {
    kecs.client("123456789012", Region.EU_WEST_1).createCluster(r -> r.clusterName("eu"));
    String body = get("/_kecs/ui/api/overview").body();
    assertThat(body)
        .contains("\"runtime\":\"simulated\"")
        .contains("{\"account\":\"000000000000\",\"region\":\"us-east-1\"}")
        .contains("{\"account\":\"123456789012\",\"region\":\"eu-west-1\"}")
        // The simulated runtime has no API server and this server no AWS backend.
        .contains("\"connections\":[]");
  }

  @Test
  void overviewSaysWhetherTheAwsBackendAnswersNotJustWhereItIs() throws Exception {
    int closed;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    java.net.URI backend = java.net.URI.create("http://127.0.0.1:" + closed);
    try (var server =
        io.kecs.server.KecsServer.start(
            io.kecs.server.ServerConfig.forTests().toBuilder().awsBackend(backend).build())) {
      String body =
          http.send(
                  HttpRequest.newBuilder(server.endpoint().resolve("/_kecs/ui/api/overview"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(body)
          .contains(
              "\"name\":\"AWS backend\",\"endpoint\":\"http://127.0.0.1:"
                  + closed
                  + "\",\"reachable\":false");
    }
  }

  @Test
  void streamsChangesOfOneScopeOnly() throws Exception {
    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(
                    kecs.endpoint()
                        .resolve("/_kecs/ui/events?account=000000000000&region=us-east-1"))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(stream.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
    CompletableFuture<String> seen =
        CompletableFuture.supplyAsync(
            () -> {
              StringBuilder all = new StringBuilder();
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  all.append(line).append('\n');
                  if (line.contains("cluster/mine")) {
                    return all.toString();
                  }
                }
              } catch (Exception e) {
                return all + " " + e;
              }
              return all.toString();
            });
    Thread.sleep(200);
    kecs.client("123456789012", Region.EU_WEST_1).createCluster(r -> r.clusterName("other"));
    kecs.ecs().createCluster(r -> r.clusterName("mine"));
    String events = seen.get(10, TimeUnit.SECONDS);
    stream.body().close();
    assertThat(events)
        .contains("event: hello")
        .contains("event: changes")
        .contains("arn:aws:ecs:us-east-1:000000000000:cluster/mine")
        .doesNotContain("cluster/other");
  }

  @Test
  void historyKeepsAServicesCounts() throws Exception {
    var ecs = kecs.ecs();
    ecs.createCluster(r -> r.clusterName("h"));
    ecs.registerTaskDefinition(
        r ->
            r.family("h")
                .requiresCompatibilitiesWithStrings("FARGATE")
                .networkMode("awsvpc")
                .cpu("256")
                .memory("512")
                .containerDefinitions(c -> c.name("h").image("h:1")));
    String arn =
        ecs.createService(
                r ->
                    r.cluster("h")
                        .serviceName("h")
                        .taskDefinition("h")
                        .desiredCount(2)
                        .launchType("FARGATE")
                        .networkConfiguration(DashboardSeed.NETWORK))
            .service()
            .serviceArn();
    String body = "";
    for (int i = 0; i < 100 && !body.contains(",2,2]"); i++) {
      Thread.sleep(100);
      body =
          get("/_kecs/ui/api/history?service="
                  + java.net.URLEncoder.encode(arn, StandardCharsets.UTF_8))
              .body();
    }
    assertThat(body).contains(",0,2]").contains(",2,2]");
  }
}
