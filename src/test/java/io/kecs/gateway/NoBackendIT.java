package io.kecs.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kecs.testing.AwsCliScript;
import io.kecs.testing.KecsTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without an AWS backend, requests for services KECS does not serve get a clear error in the
 * caller's own protocol (never a 404 page or a hang), and bad input gets a protocol-correct 4xx.
 */
class NoBackendIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SIGNED =
      "AWS4-HMAC-SHA256 Credential=test/20261204/us-east-1/%s/aws4_request,"
          + " SignedHeaders=host, Signature=00";

  @Test
  void awsJsonCallerGetsUnknownOperationInJson() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(kecs.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "Logs_20140328.DescribeLogGroups")
                .header("Authorization", SIGNED.formatted("logs"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("__type").asText()).isEqualTo("UnknownOperationException");
    assertThat(body.path("message").asText()).contains("'logs'").contains("--aws-backend");
  }

  @Test
  void awsQueryCallerGetsInvalidActionInXml() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(kecs.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", SIGNED.formatted("sqs"))
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues&Version=2012-11-05")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body())
        .contains("<ErrorResponse>")
        .contains("<Type>Sender</Type>")
        .contains("<Code>InvalidAction</Code>")
        .contains("<RequestId>");
  }

  @Test
  void restXmlCallerGetsNotImplemented() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(kecs.endpoint().resolve("/bucket?list-type=2"))
                .header("Authorization", SIGNED.formatted("s3")));
    assertThat(r.statusCode()).isEqualTo(501);
    assertThat(r.body()).contains("<Error><Code>NotImplemented</Code>").contains("'s3'");
  }

  @Test
  void aRequestNamingNoServiceIsA4xx() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(kecs.endpoint().resolve("/anything")));
    assertThat(r.statusCode()).isBetween(400, 499);
    assertThat(JSON.readTree(r.body()).path("message").asText())
        .contains("cannot tell which AWS service");
  }

  @Test
  void malformedFormIsMalformedQueryString() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(kecs.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=%zz&Version=1")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("<Code>MalformedQueryString</Code>");
  }

  @Test
  void nonSigV4AuthorizationToEcsIsIncompleteSignature() throws Exception {
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(kecs.endpoint())
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")
                .header("Authorization", "AWS AKIDEXAMPLE:c2lnbmF0dXJl")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("__type").asText())
        .isEqualTo("IncompleteSignatureException");
  }

  @Test
  void awsCliV2SeesTheErrorCode() throws Exception {
    String aws = AwsCliScript.findAwsCliV2();
    if (aws == null && System.getenv("CI") == null) {
      return; // the CLI script tests say why they skip
    }
    String s3 = cli(aws, kecs.endpoint(), "s3api", "list-buckets");
    assertThat(s3).contains("(NotImplemented)").contains("--aws-backend");
    String sqs = cli(aws, kecs.endpoint(), "sts", "get-caller-identity");
    assertThat(sqs).contains("(InvalidAction)");
  }

  private static String cli(String aws, URI endpoint, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(aws, "--endpoint-url", endpoint.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("AWS_ACCESS_KEY_ID", "test");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
    pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    pb.environment().put("AWS_MAX_ATTEMPTS", "1");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isNotZero();
    return out;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
