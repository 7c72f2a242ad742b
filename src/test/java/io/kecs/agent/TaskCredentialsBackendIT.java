package io.kecs.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kecs.server.KecsServer;
import io.kecs.server.ServerConfig;
import io.kecs.testing.AwsBackendServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Task-role credentials from the AWS backend's STS (a real moto server): KECS assumes the task role
 * with the task id as session name; the AWS SDK for Java v2 and boto3 (a Python process with only
 * the container's environment) fetch them from the agent endpoint and call STS through KECS, which
 * forwards to the backend: the caller is the assumed role. A backend that does not answer yields
 * the agent's error, quickly.
 */
class TaskCredentialsBackendIT {
  private static AwsBackendServer moto;
  private static KecsServer kecs;
  private static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    moto = AwsBackendServer.start(AwsBackendServer.Kind.MOTO);
    kecs =
        KecsServer.start(ServerConfig.forTests().toBuilder().awsBackend(moto.endpoint()).build());
    ecs = client(kecs);
  }

  @AfterAll
  static void stop() throws Exception {
    if (ecs != null) {
      ecs.close();
    }
    if (kecs != null) {
      kecs.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  static EcsClient client(KecsServer server) {
    return EcsClient.builder()
        .endpointOverride(server.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("123456789012", "x")))
        .httpClientBuilder(ApacheHttpClient.builder())
        .build();
  }

  static Task runRunning(EcsClient ecs, String role) throws InterruptedException {
    ecs.createCluster(r -> r.clusterName("creds"));
    ecs.registerTaskDefinition(
        r ->
            r.family("worker")
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("256")
                .memory("512")
                .taskRoleArn(role)
                .containerDefinitions(c -> c.name("main").image("python:3.12")));
    Task t =
        ecs.runTask(
                r ->
                    r.cluster("creds")
                        .taskDefinition("worker")
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))))
            .tasks()
            .get(0);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Task now = ecs.describeTasks(r -> r.cluster("creds").tasks(t.taskArn())).tasks().get(0);
      if ("RUNNING".equals(now.lastStatus())) {
        return now;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("task did not reach RUNNING: " + t.taskArn());
  }

  static JsonNode environment(KecsServer server, Task t) throws Exception {
    return AgentHttp.get(
            server.endpoint().resolve("/_kecs/tasks/" + TaskAgentIT.taskId(t) + "/environment"))
        .body()
        .get("main");
  }

  @Test
  void sdkAndBoto3GetTheAssumedRoleAndCallTheBackendThroughKecs() throws Exception {
    String role = "arn:aws:iam::123456789012:role/worker";
    Task task = runRunning(ecs, role);
    String taskId = TaskAgentIT.taskId(task);
    JsonNode env = environment(kecs, task);
    String fullUri = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").asText();

    AwsCredentials creds = TaskAgentIT.fetchWithSdk(fullUri);
    JsonNode answer = AgentHttp.get(fullUri).body();
    assertThat(answer.get("RoleArn").asText()).isEqualTo(role);
    assertThat(answer.get("AccessKeyId").asText()).isEqualTo(creds.accessKeyId());
    assertThat(Instant.parse(answer.get("Expiration").asText())).isAfter(Instant.now());

    String script =
        "import boto3, json\n"
            + "s = boto3.session.Session()\n"
            + "c = s.get_credentials().get_frozen_credentials()\n"
            + "who = s.client('sts').get_caller_identity()\n"
            + "print(json.dumps({'key': c.access_key, 'arn': who['Arn']}))\n";
    ProcessBuilder pb = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    env.fields().forEachRemaining(f -> pb.environment().put(f.getKey(), f.getValue().asText()));
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("boto3 finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as(out).isZero();
    JsonNode boto =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(out.lines().reduce((a, b) -> b).orElseThrow());
    assertThat(boto.get("key").asText()).isEqualTo(creds.accessKeyId());
    assertThat(boto.get("arn").asText())
        .isEqualTo("arn:aws:sts::123456789012:assumed-role/worker/" + taskId);
  }

  @Test
  void backendThatDoesNotAnswerGivesTheAgentsErrorQuickly() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    try (KecsServer broken =
            KecsServer.start(
                ServerConfig.forTests().toBuilder()
                    .awsBackend(URI.create("http://127.0.0.1:" + deadPort))
                    .build());
        EcsClient brokenEcs = client(broken)) {
      Task task = runRunning(brokenEcs, "arn:aws:iam::123456789012:role/worker");
      String fullUri = environment(broken, task).get("AWS_CONTAINER_CREDENTIALS_FULL_URI").asText();
      Instant before = Instant.now();
      AgentHttp.Answer a = AgentHttp.get(fullUri);
      assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(20));
      assertThat(a.status()).isEqualTo(500);
      assertThat(a.body().get("code").asText()).isEqualTo("InternalServerError");
      assertThat(a.body().get("message").asText()).contains("STS AssumeRole");
    }
  }
}
