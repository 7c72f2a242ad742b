package io.kecs.runtime.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for SSM and Secrets Manager on one awsJson endpoint (as LocalStack serves them):
 * {@code AmazonSSM.GetParameter} and {@code secretsmanager.GetSecretValue} answered from maps, with
 * the services' error shapes for what is not there.
 */
public final class FakeSecretsServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the stand-in saw it. */
  public record Call(String target, String authorization, JsonNode body) {}

  private final HttpServer server;
  private final Map<String, String> parameters = new ConcurrentHashMap<>();
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  public FakeSecretsServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public FakeSecretsServer parameter(String name, String value) {
    parameters.put(name, value);
    return this;
  }

  /** A secret by ARN (without ECS's json-key suffix), optionally for one version stage. */
  public FakeSecretsServer secret(String arn, String stage, String value) {
    secrets.put(stage == null ? arn : arn + "|" + stage, value);
    return this;
  }

  public List<Call> calls() {
    return calls;
  }

  private void handle(HttpExchange ex) throws IOException {
    String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
    JsonNode body = JSON.readTree(ex.getRequestBody());
    calls.add(new Call(target, ex.getRequestHeaders().getFirst("Authorization"), body));
    ObjectNode answer = JSON.createObjectNode();
    int status = 200;
    if ("AmazonSSM.GetParameter".equals(target)) {
      String value = parameters.get(body.path("Name").asText());
      if (value == null || !body.path("WithDecryption").asBoolean()) {
        status = 400;
        answer.put("__type", "ParameterNotFound").put("message", "");
      } else {
        answer.putObject("Parameter").put("Name", body.path("Name").asText()).put("Value", value);
      }
    } else if ("secretsmanager.GetSecretValue".equals(target)) {
      String id = body.path("SecretId").asText();
      String stage = body.path("VersionStage").asText(null);
      String value = secrets.get(stage == null ? id : id + "|" + stage);
      if (value == null) {
        status = 400;
        answer
            .put("__type", "ResourceNotFoundException")
            .put("message", "Secrets Manager can't find the specified secret.");
      } else {
        answer.put("ARN", id).put("SecretString", value);
      }
    } else {
      status = 400;
      answer.put("__type", "UnknownOperationException");
    }
    byte[] out = answer.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
    ex.sendResponseHeaders(status, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
