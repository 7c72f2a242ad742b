package io.kecs.runtime.secrets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Reads SSM parameters ({@code AmazonSSM.GetParameter} with decryption) and Secrets Manager secrets
 * ({@code secretsmanager.GetSecretValue}) from one AWS-compatible endpoint (LocalStack, moto, or
 * AWS itself) with awsJson 1.1 POSTs over the JDK HTTP client, signed by {@link AwsRequestSigner};
 * environment files from S3 on the same endpoint ({@link S3Objects}).
 */
public final class AwsSecretSource implements SecretSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final AwsRequestSigner signer;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();
  private final S3Objects s3;

  public AwsSecretSource(URI endpoint, AwsRequestSigner signer) {
    this.endpoint = endpoint;
    this.signer = signer;
    this.s3 = new S3Objects(endpoint, signer, http, TIMEOUT);
  }

  @Override
  public String value(SecretReference ref) throws SecretException {
    return ref.service() == SecretReference.Service.SSM ? parameter(ref) : secret(ref);
  }

  @Override
  public String envFile(EnvFileReference file, String region) throws SecretException {
    return s3.text(file, region);
  }

  private String parameter(SecretReference ref) throws SecretException {
    ObjectNode body = JSON.createObjectNode().put("Name", ref.id()).put("WithDecryption", true);
    String context = "unable to retrieve secrets from ssm: ";
    JsonNode answer = call("AmazonSSM.GetParameter", "ssm", ref.region(), body, context);
    JsonNode value = answer.path("Parameter").path("Value");
    if (!value.isTextual()) {
      throw new SecretException(context + "parameter " + ref.id() + " has no value");
    }
    return value.asText();
  }

  private String secret(SecretReference ref) throws SecretException {
    ObjectNode body = JSON.createObjectNode().put("SecretId", ref.id());
    if (ref.versionStage() != null) {
      body.put("VersionStage", ref.versionStage());
    }
    if (ref.versionId() != null) {
      body.put("VersionId", ref.versionId());
    }
    String context =
        "unable to retrieve secret from asm: failed to fetch secret "
            + ref.id()
            + " from secrets manager: ";
    JsonNode answer =
        call("secretsmanager.GetSecretValue", "secretsmanager", ref.region(), body, context);
    String value;
    if (answer.path("SecretString").isTextual()) {
      value = answer.get("SecretString").asText();
    } else if (answer.path("SecretBinary").isTextual()) {
      value =
          new String(
              Base64.getDecoder().decode(answer.get("SecretBinary").asText()),
              StandardCharsets.UTF_8);
    } else {
      throw new SecretException(context + "the secret has no value");
    }
    return ref.jsonKey() == null ? value : jsonKey(ref, value);
  }

  /** ECS takes one key of a secret holding a JSON object; its value as text. */
  private static String jsonKey(SecretReference ref, String value) throws SecretException {
    JsonNode object;
    try {
      object = JSON.readTree(value);
    } catch (IOException e) {
      object = null;
    }
    String context = "unable to retrieve secret from asm: ";
    if (object == null || !object.isObject()) {
      throw new SecretException(
          context
              + "secret "
              + ref.id()
              + " is not a JSON object, so it has no key "
              + ref.jsonKey());
    }
    JsonNode v = object.get(ref.jsonKey());
    if (v == null) {
      throw new SecretException(
          context
              + "retrieved secret from Secrets Manager did not contain json key "
              + ref.jsonKey());
    }
    return v.isTextual() ? v.asText() : v.toString();
  }

  private JsonNode call(
      String target, String service, String region, ObjectNode body, String context)
      throws SecretException {
    byte[] payload = body.toString().getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
    signer.sign(endpoint, target, service, region, payload).forEach(request::header);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new SecretException(
          context + "RequestError: send request failed: " + endpoint + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SecretException(context + "RequestCanceled: interrupted");
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      answer = JSON.createObjectNode();
    }
    if (response.statusCode() / 100 != 2) {
      throw new SecretException(context + error(response.statusCode(), answer));
    }
    return answer;
  }

  /** An awsJson error as the AWS SDKs print it: {@code Type: message}. */
  private static String error(int status, JsonNode answer) {
    String type = answer.path("__type").asText("HTTP " + status);
    type = type.substring(type.lastIndexOf('#') + 1);
    String message =
        answer.has("message") ? answer.get("message").asText() : answer.path("Message").asText("");
    return message.isEmpty() ? type : type + ": " + message;
  }
}
