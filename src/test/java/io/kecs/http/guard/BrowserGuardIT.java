package io.kecs.http.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import io.kecs.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Issue 12, items 1 and 2: browser-style requests (Origin / Sec-Fetch-Site as browsers send them)
 * from other sites are refused before they reach reset or the API, in the caller's protocol;
 * allowed origins get CORS answers; Host names other than KECS's own (DNS rebinding) are refused.
 */
class BrowserGuardIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static KecsServer kecs;
  private static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    kecs =
        KecsServer.start(
            ServerConfig.forTests().toBuilder()
                .corsOrigins(List.of("http://localhost:3000"))
                .allowedHosts(List.of("kecs.dev.test"))
                .build());
    ecs =
        EcsClient.builder()
            .endpointOverride(kecs.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
            .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build();
  }

  @AfterAll
  static void stop() {
    ecs.close();
    kecs.close();
  }

  private static URI at(String path) {
    return kecs.endpoint().resolve(path);
  }

  private static String ownOrigin() {
    return "http://127.0.0.1:" + kecs.endpoint().getPort();
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static boolean clusterExists(String name) {
    return ecs.describeClusters(r -> r.clusters(name)).clusters().stream()
        .anyMatch(c -> c.status().equals("ACTIVE"));
  }

  @Test
  void aCrossSiteSimpleRequestCannotResetTheStore() throws Exception {
    ecs.createCluster(r -> r.clusterName("keep-me"));

    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(at("/_kecs/reset"))
                .header("Content-Type", "text/plain")
                .header("Origin", "http://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .header("Sec-Fetch-Mode", "no-cors")
                .POST(HttpRequest.BodyPublishers.ofString("x")));
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("AccessDenied").contains("--cors-origins");
    assertThat(clusterExists("keep-me")).isTrue();

    // Older browsers send only Origin; a sandboxed page sends "null".
    for (String origin : List.of("http://evil.example", "null")) {
      assertThat(
              send(HttpRequest.newBuilder(at("/_kecs/reset"))
                      .header("Origin", origin)
                      .POST(HttpRequest.BodyPublishers.noBody()))
                  .statusCode())
          .isEqualTo(403);
    }
    assertThat(clusterExists("keep-me")).isTrue();

    // The same page origin as KECS (the dashboard) and non-browser clients may reset.
    assertThat(
            send(HttpRequest.newBuilder(at("/_kecs/reset"))
                    .header("Origin", ownOrigin())
                    .header("Sec-Fetch-Site", "same-origin")
                    .POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode())
        .isEqualTo(200);
    assertThat(clusterExists("keep-me")).isFalse();
  }

  @Test
  void crossSiteAwsCallsAreRefusedInTheCallersProtocol() throws Exception {
    HttpResponse<String> json =
        send(
            HttpRequest.newBuilder(at("/"))
                .header("Origin", "http://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.CreateCluster")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"clusterName\":\"evil\"}")));
    assertThat(json.statusCode()).isEqualTo(403);
    assertThat(json.headers().firstValue("x-amzn-ErrorType")).contains("AccessDeniedException");
    assertThat(json.body()).startsWith("{\"__type\":\"AccessDeniedException\",\"message\":");

    HttpResponse<String> query =
        send(
            HttpRequest.newBuilder(at("/"))
                .header("Origin", "http://evil.example")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "Action=DeleteLoadBalancer&Version=2015-12-01")));
    assertThat(query.statusCode()).isEqualTo(403);
    assertThat(query.body())
        .contains("<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>");
    assertThat(clusterExists("evil")).isFalse();

    // A page may still link to KECS's read-only pages.
    assertThat(
            send(HttpRequest.newBuilder(at("/_kecs/health"))
                    .header("Origin", "http://evil.example")
                    .header("Sec-Fetch-Site", "cross-site"))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void anAllowedOriginGetsPreflightsAndCorsHeaders() throws Exception {
    HttpResponse<String> preflight =
        send(
            HttpRequest.newBuilder(at("/"))
                .header("Origin", "http://localhost:3000")
                .header("Sec-Fetch-Site", "same-site")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-amz-target,authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://localhost:3000");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
        .contains("content-type,x-amz-target,authorization");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
        .contains("POST");

    HttpResponse<String> call =
        send(
            HttpRequest.newBuilder(at("/"))
                .header("Origin", "http://localhost:3000")
                .header("Sec-Fetch-Site", "same-site")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("http://localhost:3000");
    assertThat(call.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
        .contains("x-amzn-RequestId");

    HttpResponse<String> other =
        send(
            HttpRequest.newBuilder(at("/"))
                .header("Origin", "http://localhost:3001")
                .header("Access-Control-Request-Method", "POST")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void aRebindingHostIsRefusedAndKecsOwnNamesAreServed() throws Exception {
    int port = kecs.endpoint().getPort();
    String list = "{}";
    String call =
        "POST / HTTP/1.1\r\nHost: %s\r\nX-Amz-Target: AmazonEC2ContainerServiceV20141113.ListClusters\r\n"
            + "Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n";
    RawHttp.Answer rebound =
        RawHttp.exchange(
            kecs.endpoint(), call.formatted("rebind.evil.example:" + port), list.getBytes());
    assertThat(rebound.status()).isEqualTo(403);
    assertThat(rebound.body()).contains("AccessDeniedException").contains("rebind.evil.example");

    RawHttp.Answer reset =
        RawHttp.exchange(
            kecs.endpoint(),
            "POST /_kecs/reset HTTP/1.1\r\nHost: rebind.evil.example:"
                + port
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            null);
    assertThat(reset.status()).isEqualTo(403);

    for (String host :
        List.of(
            "localhost:" + port,
            "127.0.0.1:" + port,
            "[::1]:" + port,
            "my-lb-1234567890.us-east-1.elb.localhost:" + port,
            "kecs.dev.test:" + port)) {
      RawHttp.Answer ok = RawHttp.exchange(kecs.endpoint(), call.formatted(host), list.getBytes());
      assertThat(ok.status()).as(host).isEqualTo(200);
      assertThat(ok.body()).contains("clusterArns");
    }
  }
}
