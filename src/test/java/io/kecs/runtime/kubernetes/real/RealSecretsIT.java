package io.kecs.runtime.kubernetes.real;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.kecs.runtime.kubernetes.EcsTasks;
import io.kecs.testing.AwsBackendServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Task secrets on the real control plane, read from a real AWS backend (moto): an SSM parameter and
 * a JSON key of a Secrets Manager secret become a Secret in the cluster's namespace (its name and
 * keys pass the real API server's validation) that the pod's environment refers to; the task runs,
 * and nothing of the values is in the pod spec.
 */
class RealSecretsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXECUTION = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";

  // Started before the extension, which needs its endpoint.
  private static final AwsBackendServer aws = start();

  @RegisterExtension static RealKecs kecs = new RealKecs().backend(aws.endpoint());

  private static AwsBackendServer start() {
    try {
      return AwsBackendServer.start(AwsBackendServer.Kind.MOTO);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() throws InterruptedException {
    aws.close();
  }

  @Test
  void secretsFromTheBackendBecomeASecretThePodReads() throws Exception {
    call(
        "ssm",
        "AmazonSSM.PutParameter",
        "{\"Name\":\"/real/api/key\",\"Value\":\"k-777\",\"Type\":\"SecureString\"}");
    String dbArn =
        call(
                "secretsmanager",
                "secretsmanager.CreateSecret",
                "{\"Name\":\"real/db\",\"SecretString\":\"{\\\"password\\\":\\\"p4ss\\\"}\"}")
            .path("ARN")
            .asText();
    assertThat(dbArn).startsWith("arn:aws:secretsmanager:us-east-1:");

    EcsTasks tasks = kecs.tasks("real-secrets");
    tasks.registerWith(
        "api",
        r -> r.executionRoleArn(EXECUTION),
        ContainerDefinition.builder()
            .name("api")
            .image("nginx:1.27")
            .essential(true)
            .secrets(
                s -> s.name("API_KEY").valueFrom("/real/api/key"),
                s -> s.name("DB_PASSWORD").valueFrom(dbArn + ":password::"))
            .build());
    Task task = kecs.awaitStatus(tasks.run("api"), "RUNNING");
    String ns = kecs.awaitNamespaceOf("real-secrets");
    Pod pod = kecs.pods(ns, "kecs.io/task-id", EcsTasks.id(task)).get(0);
    List<EnvVar> env = pod.getSpec().getContainers().get(0).getEnv();
    EnvVar key = env.stream().filter(e -> "API_KEY".equals(e.getName())).findFirst().orElseThrow();
    EnvVar db =
        env.stream().filter(e -> "DB_PASSWORD".equals(e.getName())).findFirst().orElseThrow();
    assertThat(key.getValue()).isNull();
    assertThat(db.getValue()).isNull();
    String secretName = key.getValueFrom().getSecretKeyRef().getName();
    Secret secret = kecs.client().secrets().inNamespace(ns).withName(secretName).get();
    assertThat(decoded(secret, key.getValueFrom().getSecretKeyRef().getKey())).isEqualTo("k-777");
    assertThat(decoded(secret, db.getValueFrom().getSecretKeyRef().getKey())).isEqualTo("p4ss");
    assertThat(pod.toString()).doesNotContain("k-777").doesNotContain("p4ss");

    kecs.ecs().stopTask(r -> r.cluster("real-secrets").task(task.taskArn()));
    kecs.awaitStatus(task, "STOPPED");
  }

  private static String decoded(Secret secret, String key) {
    return new String(
        Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
  }

  /** One awsJson call to the backend, as a client of that service would make it. */
  private static JsonNode call(String service, String target, String body) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(aws.endpoint() + "/"))
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", target)
                    .header(
                        "Authorization",
                        "AWS4-HMAC-SHA256 Credential=test/20261204/us-east-1/"
                            + service
                            + "/aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
