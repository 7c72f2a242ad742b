package io.kecs.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kecs.testing.KecsTestServer;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The agent's endpoints on KECS's API port for a simulated Fargate task, driven as a container
 * would: the environment it gets, metadata v4 through {@code ECS_CONTAINER_METADATA_URI_V4}, and
 * task-role credentials through the AWS SDK for Java v2's {@code ContainerCredentialsProvider}
 * (KECS mints them: no AWS backend); the credentials stop answering once the task stops.
 */
class TaskAgentIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  static final String TASK_ROLE = "arn:aws:iam::000000000000:role/app";
  static final String EXECUTION_ROLE = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";

  private final EcsClient ecs = kecs.ecs();

  static void registerApp(EcsClient ecs, String taskRole) {
    ecs.registerTaskDefinition(
        r ->
            r.family("app")
                .requiresCompatibilities(Compatibility.FARGATE)
                .networkMode(NetworkMode.AWSVPC)
                .cpu("512")
                .memory("1024")
                .taskRoleArn(taskRole)
                .executionRoleArn(EXECUTION_ROLE)
                .containerDefinitions(
                    c ->
                        c.name("web")
                            .image("nginx:1.27")
                            .portMappings(p -> p.containerPort(80))
                            .logConfiguration(
                                l ->
                                    l.logDriver("awslogs")
                                        .options(
                                            java.util.Map.of(
                                                "awslogs-group", "/ecs/app",
                                                "awslogs-region", "us-east-1",
                                                "awslogs-stream-prefix", "ecs")))));
  }

  static Task runApp(KecsTestServer kecs, EcsClient ecs) {
    ecs.createCluster(r -> r.clusterName("agent"));
    Task t =
        ecs.runTask(
                r ->
                    r.cluster("agent")
                        .taskDefinition("app")
                        .launchType(LaunchType.FARGATE)
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))))
            .tasks()
            .get(0);
    kecs.waiter().waitUntilTasksRunning(r -> r.cluster("agent").tasks(t.taskArn()));
    return ecs.describeTasks(r -> r.cluster("agent").tasks(t.taskArn())).tasks().get(0);
  }

  static String taskId(Task t) {
    return t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
  }

  @Test
  void containerFindsItsTaskAndCredentialsThroughItsEnvironment() throws Exception {
    registerApp(ecs, TASK_ROLE);
    Task task = runApp(kecs, ecs);
    String id = taskId(task);

    JsonNode env =
        AgentHttp.get(kecs.endpoint().resolve("/_kecs/tasks/" + id + "/environment"))
            .body()
            .get("web");
    assertThat(env.get("ECS_CONTAINER_METADATA_URI_V4").asText())
        .isEqualTo(kecs.endpoint() + "/v4/" + id + ".web");
    assertThat(env.get("AWS_REGION").asText()).isEqualTo("us-east-1");
    assertThat(env.get("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_ECS_FARGATE");
    assertThat(env.get("AWS_ENDPOINT_URL").asText()).isEqualTo(kecs.endpoint().toString());
    String metadata = env.get("ECS_CONTAINER_METADATA_URI_V4").asText();

    AgentHttp.Answer container = AgentHttp.get(metadata);
    assertThat(container.status()).isEqualTo(200);
    assertThat(container.body().get("Name").asText()).isEqualTo("web");
    assertThat(container.body().get("ContainerARN").asText())
        .isEqualTo(task.containers().get(0).containerArn());
    assertThat(container.body().at("/LogOptions/awslogs-stream").asText())
        .isEqualTo("ecs/web/" + id);

    JsonNode meta = AgentHttp.get(metadata + "/task").body();
    assertThat(meta.get("TaskARN").asText()).isEqualTo(task.taskArn());
    assertThat(meta.get("Cluster").asText()).isEqualTo(task.clusterArn());
    assertThat(meta.get("KnownStatus").asText()).isEqualTo("RUNNING");
    assertThat(meta.get("LaunchType").asText()).isEqualTo("FARGATE");
    assertThat(meta.get("AvailabilityZone").asText()).isEqualTo(task.availabilityZone());
    assertThat(meta.at("/Limits/CPU").asDouble()).isEqualTo(0.5);
    assertThat(meta.at("/Containers/0/Networks/0/IPv4Addresses/0").asText())
        .isEqualTo(task.containers().get(0).networkInterfaces().get(0).privateIpv4Address());
    // The task-level base answers too, as the API-port paths document.
    assertThat(AgentHttp.get(kecs.endpoint() + "/v4/" + id + "/task").body()).isNotNull();
    assertThat(AgentHttp.get(kecs.endpoint() + "/v3/" + id + ".web/task").status()).isEqualTo(200);

    JsonNode stats = AgentHttp.get(metadata + "/stats").body();
    assertThat(stats.at("/memory_stats/usage").asLong()).isZero();
    JsonNode taskStats = AgentHttp.get(metadata + "/task/stats").body();
    assertThat(taskStats.has(container.body().get("DockerId").asText())).isTrue();

    String fullUri = env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").asText();
    AwsCredentials creds = fetchWithSdk(fullUri);
    assertThat(creds).isInstanceOf(AwsSessionCredentials.class);
    assertThat(creds.accessKeyId()).startsWith("ASIA").hasSize(20);
    assertThat(((AwsSessionCredentials) creds).sessionToken()).isNotBlank();
    // Fetched again before expiry: the same credentials, as the agent serves them.
    assertThat(fetchWithSdk(fullUri).accessKeyId()).isEqualTo(creds.accessKeyId());
    try (EcsClient asTask =
        EcsClient.builder()
            .endpointOverride(URI.create(env.get("AWS_ENDPOINT_URL").asText()))
            .region(Region.of(env.get("AWS_REGION").asText()))
            .credentialsProvider(StaticCredentialsProvider.create(creds))
            .httpClientBuilder(ApacheHttpClient.builder())
            .build()) {
      assertThat(asTask.listClusters().clusterArns()).contains(task.clusterArn());
    }
    // Through the node agent only the task's own address gets them.
    String ownIp = task.containers().get(0).networkInterfaces().get(0).privateIpv4Address();
    assertThat(AgentHttp.getFrom(fullUri, ownIp).status()).isEqualTo(200);
    AgentHttp.Answer otherPod = AgentHttp.getFrom(fullUri, "10.99.99.99");
    assertThat(otherPod.status()).isEqualTo(400);
    assertThat(otherPod.body().get("code").asText()).isEqualTo("InvalidIdInRequest");
    JsonNode roleAnswer = AgentHttp.get(fullUri).body();
    assertThat(roleAnswer.get("RoleArn").asText()).isEqualTo(TASK_ROLE);
    String execution =
        fullUri.replace(".task.", ".execution.").replaceAll("\\.[0-9a-f]+$", "")
            + "."
            + CredentialIds.of(task, CredentialIds.Role.EXECUTION).split("\\.")[2];
    assertThat(AgentHttp.get(execution).body().get("RoleArn").asText()).isEqualTo(EXECUTION_ROLE);

    ecs.stopTask(r -> r.cluster("agent").task(task.taskArn()));
    kecs.waiter().waitUntilTasksStopped(r -> r.cluster("agent").tasks(task.taskArn()));
    AgentHttp.Answer revoked = AgentHttp.get(fullUri);
    assertThat(revoked.status()).isEqualTo(400);
    assertThat(revoked.body().get("code").asText()).isEqualTo("InvalidIdInRequest");
    assertThat(AgentHttp.get(metadata + "/task").body().get("KnownStatus").asText())
        .isEqualTo("STOPPED");
  }

  @Test
  void badIdsGetTheAgentsErrors() throws Exception {
    registerApp(ecs, TASK_ROLE);
    Task task = runApp(kecs, ecs);
    String id = taskId(task);
    URI base = kecs.endpoint();

    AgentHttp.Answer unknownTask =
        AgentHttp.get(base + "/v4/0123456789abcdef0123456789abcdef/task");
    assertThat(unknownTask.status()).isEqualTo(404);
    assertThat(unknownTask.body().asText()).startsWith("V4 task metadata handler: ");
    AgentHttp.Answer unknownContainer = AgentHttp.get(base + "/v4/" + id + ".nope");
    assertThat(unknownContainer.status()).isEqualTo(404);
    assertThat(unknownContainer.body().asText()).contains("no container named 'nope'");
    assertThat(AgentHttp.get(base + "/v4/" + id).status()).isEqualTo(404);
    // A service's pod names its task by its UID (with dashes): the same task.
    String uid = id.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5");
    assertThat(AgentHttp.get(base + "/v4/" + uid + ".web/task").body().get("TaskARN").asText())
        .isEqualTo(task.taskArn());
    assertThat(AgentHttp.get(base + "/v4/" + id + ".web/nonsense").status()).isEqualTo(404);

    AgentHttp.Answer noId = AgentHttp.get(base + "/v2/credentials/");
    assertThat(noId.status()).isEqualTo(400);
    assertThat(noId.body().get("code").asText()).isEqualTo("NoIdInRequest");
    for (String bad : new String[] {"garbage", id + ".task.0000", id + ".other.1234", "x.task.y"}) {
      AgentHttp.Answer a = AgentHttp.get(base + "/v2/credentials/" + bad);
      assertThat(a.status()).as(bad).isEqualTo(400);
      assertThat(a.body().get("code").asText()).as(bad).isEqualTo("InvalidIdInRequest");
      assertThat(a.body().get("message").asText()).startsWith("CredentialsV2Request: ");
    }
  }

  @Test
  void taskWithoutRoleGetsNoCredentialsVariable() throws Exception {
    registerApp(ecs, null);
    Task task = runApp(kecs, ecs);
    JsonNode env =
        AgentHttp.get(kecs.endpoint().resolve("/_kecs/tasks/" + taskId(task) + "/environment"))
            .body()
            .get("web");
    assertThat(env.has("AWS_CONTAINER_CREDENTIALS_FULL_URI")).isFalse();
    AgentHttp.Answer a =
        AgentHttp.get(
            kecs.endpoint() + "/v2/credentials/" + CredentialIds.of(task, CredentialIds.Role.TASK));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().get("code").asText()).isEqualTo("NoCredentialsAssociated");
  }

  /** The SDK's container provider, configured through its system property as in a container. */
  static AwsCredentials fetchWithSdk(String fullUri) {
    String before = System.getProperty("aws.containerCredentialsFullUri");
    System.setProperty("aws.containerCredentialsFullUri", fullUri);
    try (ContainerCredentialsProvider p = ContainerCredentialsProvider.builder().build()) {
      return p.resolveCredentials();
    } finally {
      if (before == null) {
        System.clearProperty("aws.containerCredentialsFullUri");
      } else {
        System.setProperty("aws.containerCredentialsFullUri", before);
      }
    }
  }
}
