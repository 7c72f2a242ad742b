package io.kecs.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Hand-made HTTP calls, for what the SDK would refuse to send (wrong types, bad JSON). */
public final class RawCalls {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private RawCalls() {}

  public static HttpResponse<String> ecs(URI endpoint, String action, String body)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(endpoint)
            .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113." + action)
            .header("Content-Type", "application/x-amz-json-1.1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
