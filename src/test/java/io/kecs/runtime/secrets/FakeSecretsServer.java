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
 * A stand-in for SSM, Secrets Manager and S3 on one endpoint (as LocalStack serves them): {@code
 * AmazonSSM.GetParameter} and {@code secretsmanager.GetSecretValue} (awsJson POSTs) and S3 {@code
 * GetObject} (path-style GETs) answered from maps, with the services' error shapes for what is not
 * there. With {@link #checkS3Signatures}, S3 requests must carry a valid Signature Version 4
 * ({@link SigV4Check}), else they get S3's {@code SignatureDoesNotMatch}.
 */
public final class FakeSecretsServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One request as the stand-in saw it: for S3, {@code target} is {@code GET <raw path>} and {@code
   * body} is null.
   */
  public record Call(String target, String authorization, JsonNode body) {}

  private final HttpServer server;
  private final Map<String, String> parameters = new ConcurrentHashMap<>();
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, String> objects = new ConcurrentHashMap<>();
  private volatile String s3SecretKey;
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

  /** S3 requests must be signed with this secret access key. */
  public FakeSecretsServer checkS3Signatures(String secretKey) {
    this.s3SecretKey = secretKey;
    return this;
  }

  /** An S3 object (UTF-8 text). */
  public FakeSecretsServer object(String bucket, String key, String content) {
    objects.put(bucket + "/" + key, content);
    return this;
  }

  public List<Call> calls() {
    return calls;
  }

  private void handle(HttpExchange ex) throws IOException {
    if (ex.getRequestMethod().equals("GET")) {
      getObject(ex);
      return;
    }
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

  private void getObject(HttpExchange ex) throws IOException {
    String rawPath = ex.getRequestURI().getRawPath();
    calls.add(new Call("GET " + rawPath, ex.getRequestHeaders().getFirst("Authorization"), null));
    String path = ex.getRequestURI().getPath().substring(1);
    String content = objects.get(path);
    int status = 200;
    String body;
    String key = s3SecretKey;
    if (key != null && !SigV4Check.valid(ex, key)) {
      status = 403;
      body = s3Error("SignatureDoesNotMatch", "The request signature we calculated does not match");
    } else if (content == null) {
      status = 404;
      body = s3Error("NoSuchKey", "The specified key does not exist.");
    } else {
      body = content;
    }
    byte[] out = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, out.length);
    ex.getResponseBody().write(out);
    ex.close();
  }

  private static String s3Error(String code, String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message><RequestId>7A8B</RequestId></Error>";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
