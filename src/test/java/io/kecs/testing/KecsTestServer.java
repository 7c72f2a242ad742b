package io.kecs.testing;

import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.waiters.EcsWaiter;

/**
 * The real KECS server started in-process (ephemeral store, free ports) for end-to-end tests, and
 * AWS SDK for Java v2 clients pointed at it. State is reset through {@code POST /_kecs/reset}
 * before each test, as a user's test suite would.
 *
 * <pre>{@code @RegisterExtension static KecsTestServer kecs = new KecsTestServer();}</pre>
 */
public final class KecsTestServer
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  private KecsServer server;
  private EcsClient ecs;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    server = KecsServer.start(ServerConfig.forTests());
    ecs = client("AKIDEXAMPLE", Region.US_EAST_1);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint().resolve("/_kecs/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("reset failed: " + r.statusCode());
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (ecs != null) {
      ecs.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** The default client: account 000000000000, us-east-1. */
  public EcsClient ecs() {
    return ecs;
  }

  /**
   * The SDK's ECS waiters (the same acceptors as {@code ecs.waiter()}), polling every 100 ms
   * instead of every 6-15 s so tests stay quick.
   */
  public EcsWaiter waiter() {
    return EcsWaiter.builder()
        .client(ecs)
        .overrideConfiguration(
            o ->
                o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(100)))
                    .maxAttempts(600)
                    .waitTimeout(Duration.ofSeconds(60)))
        .build();
  }

  /** A client acting as another account (12-digit access key) and region. */
  public EcsClient client(String accessKeyId, Region region) {
    return EcsClient.builder()
        .endpointOverride(endpoint())
        .region(region)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  public URI endpoint() {
    return server.endpoint();
  }

  /** The port of KECS's DNS server for Cloud Map namespaces (UDP and TCP on 127.0.0.1). */
  public int dnsPort() {
    return server.dnsPort();
  }

  public URI adminEndpoint() {
    return server.adminEndpoint();
  }
}
