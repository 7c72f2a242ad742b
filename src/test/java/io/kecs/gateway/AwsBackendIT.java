package io.kecs.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import io.kecs.testing.AwsBackendServer;
import io.kecs.testing.AwsCliScript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * KECS with a real AWS backend (moto server, MiniStack) behind its one endpoint: the AWS CLI v2
 * drives S3, SQS, STS, Logs, Secrets Manager, SSM and DynamoDB through KECS while KECS serves ECS;
 * a killed backend gives AWS-style errors and leaves ECS serving.
 */
class AwsBackendIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void motoServerBehindKecs() throws Exception {
    try (AwsBackendServer moto = AwsBackendServer.start(AwsBackendServer.Kind.MOTO);
        KecsServer kecs = startWith(moto.endpoint())) {
      AwsCliScript.run("backend-cli-test.sh", kecs.endpoint());

      moto.kill();
      Instant before = Instant.now();
      HttpResponse<String> logs = logsCall(kecs.endpoint());
      assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(15));
      assertThat(logs.statusCode()).isEqualTo(502);
      assertThat(logs.headers().firstValue("x-amzn-ErrorType")).hasValue("BadGateway");
      assertThat(JSON.readTree(logs.body()).path("__type").asText()).isEqualTo("BadGateway");
      assertThat(JSON.readTree(logs.body()).path("message").asText())
          .contains(moto.endpoint().toString());

      try (EcsClient ecs = ecs(kecs.endpoint())) {
        ecs.createCluster(r -> r.clusterName("still-here"));
        assertThat(ecs.listClusters().clusterArns()).anyMatch(a -> a.endsWith("/still-here"));
      }
      // The probe's answer is cached for 2 s: wait out the last "reachable".
      Instant deadline = Instant.now().plusSeconds(10);
      JsonNode health = JSON.readTree(get(kecs.endpoint().resolve("/_kecs/health")).body());
      while (health.path("backend").path("reachable").asBoolean()
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
        health = JSON.readTree(get(kecs.endpoint().resolve("/_kecs/health")).body());
      }
      assertThat(health.path("status").asText()).isEqualTo("ok");
      assertThat(health.path("backend").path("reachable").asBoolean()).isFalse();
      assertThat(get(kecs.adminEndpoint().resolve("/ready")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void miniStackBehindKecs() throws Exception {
    try (AwsBackendServer ministack = AwsBackendServer.start(AwsBackendServer.Kind.MINISTACK);
        KecsServer kecs = startWith(ministack.endpoint())) {
      AwsCliScript.run("backend-cli-test.sh", kecs.endpoint());
    }
  }

  private static KecsServer startWith(URI backend) throws Exception {
    return KecsServer.start(ServerConfig.forTests().toBuilder().awsBackend(backend).build());
  }

  private static HttpResponse<String> logsCall(URI endpoint) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "Logs_20140328.DescribeLogGroups")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=test/20261204/us-east-1/logs/aws4_request,"
                    + " SignedHeaders=host, Signature=00")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static EcsClient ecs(URI endpoint) {
    return EcsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }
}
