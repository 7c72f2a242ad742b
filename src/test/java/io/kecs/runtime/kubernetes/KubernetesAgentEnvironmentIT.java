package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The ECS agent's variables in a task's pod, asserted on the API server: metadata URIs and the
 * credentials URI on 169.254.170.2 (the node agent's address) for this very task, region, execution
 * environment and {@code AWS_ENDPOINT_URL} at KECS's in-cluster name; the container's own values
 * win; the credentials id in the pod answers on KECS's API port.
 */
class KubernetesAgentEnvironmentIT {
  @RegisterExtension static KubernetesKecs kecs = new KubernetesKecs();

  static final String ROLE = "arn:aws:iam::000000000000:role/app";

  @Test
  void aTaskPodGetsTheAgentsVariablesAndItsOwnValuesWin() throws Exception {
    EcsTasks tasks = kecs.tasks("inside");
    tasks.registerWith(
        "app",
        r -> r.taskRoleArn(ROLE),
        ContainerDefinition.builder()
            .name("app")
            .image("python:3.12")
            .environment(e -> e.name("AWS_REGION").value("eu-west-3"))
            .build());
    Task task = tasks.run("app");
    String id = EcsTasks.id(task);
    Pod pod = kecs.kubelet().awaitPod(id);
    List<EnvVar> vars = pod.getSpec().getContainers().get(0).getEnv();
    Map<String, String> env = new LinkedHashMap<>();
    vars.forEach(v -> assertThat(env.put(v.getName(), v.getValue())).as(v.getName()).isNull());

    assertThat(env)
        .containsEntry("ECS_CONTAINER_METADATA_URI", "http://169.254.170.2/v3/" + id + ".app")
        .containsEntry("ECS_CONTAINER_METADATA_URI_V4", "http://169.254.170.2/v4/" + id + ".app")
        .containsEntry("AWS_REGION", "eu-west-3")
        .containsEntry("AWS_DEFAULT_REGION", "us-east-1")
        .containsEntry("AWS_EXECUTION_ENV", "AWS_ECS_FARGATE")
        .containsEntry("AWS_ENDPOINT_URL", "http://kecs.kecs-system.svc.cluster.local:4566");
    String relative = env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
    assertThat(relative).startsWith("/v2/credentials/" + id + ".task.");

    // The id in the pod is the task's: KECS answers it with the task role's credentials.
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(kecs.endpoint() + relative)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new ObjectMapper().readTree(r.body()).get("RoleArn").asText()).isEqualTo(ROLE);
  }

  @Test
  void aTaskWithoutRoleGetsNoCredentialsUri() throws Exception {
    EcsTasks tasks = kecs.tasks("inside");
    tasks.register("plain", "main");
    Task task = tasks.run("plain");
    Pod pod = kecs.kubelet().awaitPod(EcsTasks.id(task));
    assertThat(pod.getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getName)
        .contains("ECS_CONTAINER_METADATA_URI_V4", "AWS_ENDPOINT_URL")
        .doesNotContain("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
  }

  @Test
  void aServicePodGetsAPodBoundCredentialsIdAnsweredOnlyToItsOwnAddress() throws Exception {
    EcsTasks tasks = kecs.tasks("inside-svc");
    tasks.registerWith(
        "api",
        r -> r.taskRoleArn(ROLE),
        ContainerDefinition.builder().name("api").image("python:3.12").build());
    kecs.ecs()
        .createService(
            r ->
                r.cluster("inside-svc")
                    .serviceName("api")
                    .taskDefinition("api")
                    .desiredCount(1)
                    .launchType(software.amazon.awssdk.services.ecs.model.LaunchType.FARGATE)
                    .networkConfiguration(
                        n -> n.awsvpcConfiguration(a -> a.subnets("subnet-12345"))));
    FakeControllers controllers = new FakeControllers(kecs.client(), "node-1");
    kecs.awaitTrue(
        () ->
            kecs.client().apps().deployments().inAnyNamespace().list().getItems().stream()
                .anyMatch(d -> "api".equals(d.getMetadata().getName())));
    String ns =
        kecs.client().apps().deployments().inAnyNamespace().list().getItems().stream()
            .filter(d -> "api".equals(d.getMetadata().getName()))
            .findFirst()
            .orElseThrow()
            .getMetadata()
            .getNamespace();
    controllers.sync();
    Pod pod = controllers.pods(ns, "api").get(0);
    Map<String, String> env = new LinkedHashMap<>();
    pod.getSpec().getContainers().get(0).getEnv().forEach(v -> env.put(v.getName(), v.getValue()));
    // The template holds the id with the pod's UID as a variable that Kubernetes expands.
    assertThat(env)
        .containsEntry(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/$(KECS_POD_UID).task.pod");
    String uid = pod.getMetadata().getUid();
    String relative = "/v2/credentials/" + uid + ".task.pod";
    kecs.kubelet().run(pod, "10.9.0.7", true);
    String taskId = uid.replace("-", "");
    kecs.awaitTrue(
        () ->
            kecs
                .ecs()
                .listTasks(r -> r.cluster("inside-svc").serviceName("api"))
                .taskArns()
                .stream()
                .anyMatch(a -> a.endsWith("/" + taskId)));
    kecs.awaitTrue(() -> credentials(relative, "10.9.0.7").statusCode() == 200);

    // Through the node agent from the task's own address: the task role's credentials.
    HttpResponse<String> own = credentials(relative, "10.9.0.7");
    assertThat(new ObjectMapper().readTree(own.body()).get("RoleArn").asText()).isEqualTo(ROLE);
    // From another pod's address, or straight to KECS (no agent): the UID is no secret, refused.
    assertThat(credentials(relative, "10.9.0.8").statusCode()).isBetween(400, 404);
    assertThat(credentials(relative, null).statusCode()).isBetween(400, 404);
  }

  private static HttpResponse<String> credentials(String relative, String caller) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kecs.endpoint() + relative));
    if (caller != null) {
      b.header("X-Forwarded-For", caller);
    }
    try {
      return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
