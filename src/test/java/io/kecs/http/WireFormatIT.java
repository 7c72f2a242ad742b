package io.kecs.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.testing.KecsTestServer;
import io.kecs.testing.RawCalls;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The awsJson wire format as any client sees it: error bodies, status codes, headers. */
class WireFormatIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private HttpResponse<String> call(String action, String body) throws Exception {
    return RawCalls.ecs(kecs.endpoint(), action, body);
  }

  @Test
  void malformedJsonIsASerializationException() throws Exception {
    HttpResponse<String> r = call("ListClusters", "{not json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("\"__type\":\"SerializationException\"");
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
  }

  @Test
  void wrongTypesAreRefusedNotCoerced() throws Exception {
    assertThat(call("ListClusters", "{\"maxResults\":\"10\"}").body())
        .contains("SerializationException");
    assertThat(call("ListClusters", "{\"maxResults\":1.5}").body())
        .contains("SerializationException");
    assertThat(call("ListClusters", "{\"maxResults\":99999999999}").body())
        .contains("SerializationException");
    assertThat(call("CreateCluster", "{\"clusterName\":5}").body())
        .contains("SerializationException");
    assertThat(call("CreateCluster", "{\"tags\":{}}").body()).contains("SerializationException");
    assertThat(call("ListClusters", "[]").body()).contains("SerializationException");
  }

  @Test
  void missingRequiredAndBadEnumsAreInvalidParameter() throws Exception {
    HttpResponse<String> missing = call("UpdateClusterSettings", "{\"cluster\":\"x\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("InvalidParameterException").contains("settings");
    HttpResponse<String> badEnum =
        call("DescribeClusters", "{\"include\":[\"TAGS\",\"EVERYTHING\"]}");
    assertThat(badEnum.statusCode()).isEqualTo(400);
    assertThat(badEnum.body()).contains("InvalidParameterException").contains("EVERYTHING");
  }

  @Test
  void unknownOperationsAndTargets() throws Exception {
    HttpResponse<String> r = call("LaunchRocket", "{}");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("UnknownOperationException");
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
  }

  @Test
  void emptyBodyIsAnEmptyRequestAndTimestampsAreNumbers() throws Exception {
    HttpResponse<String> r = call("ListClusters", "");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"clusterArns\":[]}");
    assertThat(r.headers().firstValue("content-type")).hasValue("application/x-amz-json-1.1");
  }

  @Test
  void oversizedBodiesAre413() throws Exception {
    String huge = "{\"clusterName\":\"" + "a".repeat(11 * 1024 * 1024) + "\"}";
    HttpResponse<String> r = call("CreateCluster", huge);
    assertThat(r.statusCode()).isEqualTo(413);
  }

  @Test
  void healthAndMetrics() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    var health =
        http.send(
            java.net.http.HttpRequest.newBuilder(kecs.endpoint().resolve("/_kecs/health")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    call("ListClusters", "{}");
    var ready =
        http.send(
            java.net.http.HttpRequest.newBuilder(kecs.adminEndpoint().resolve("/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    var metrics =
        http.send(
            java.net.http.HttpRequest.newBuilder(kecs.adminEndpoint().resolve("/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("kecs_requests_total{action=\"ListClusters\"");
  }
}
