package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.kecs.runtime.secrets.FakeSecretsServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Environment files (S3 objects) and registry credentials (Secrets Manager) read from a stand-in
 * AWS endpoint before the pod: the container environment resolves to the files' values with ECS's
 * precedence, the pod pulls with a dockerconfigjson Secret, and what cannot be read stops the task
 * as ECS words it.
 */
class KubernetesPodInputsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXECUTION = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";
  private static final String COMMON = "arn:aws:s3:::shop-config/common.env";
  private static final String API = "arn:aws:s3:::shop-config/api.env";

  // Started before the extension, which needs its endpoint.
  private static final FakeSecretsServer aws = awsStandIn();

  @RegisterExtension
  static KubernetesKecs kecs = new KubernetesKecs().secretsEndpoint(aws.endpoint());

  private static FakeSecretsServer awsStandIn() {
    try {
      return new FakeSecretsServer()
          .parameter("/shop/api/key", "k-123")
          .secret("registry/team", null, "{\"username\":\"team\",\"password\":\"t-pw\"}")
          .secret("registry/broken", null, "{\"username\":\"team\"}")
          .object(
              "shop-config",
              "common.env",
              "# shared by every service\nSTAGE=dev\nREGION=eu-west-1\nFEATURE=common\n")
          .object("shop-config", "api.env", "FEATURE=api\nAPI_KEY=from-file\nTIMEOUT=30\n")
          .object("shop-config", "canary.env", "FEATURE=canary\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  private static ContainerDefinition api(String credentials, String... files) {
    ContainerDefinition.Builder b =
        ContainerDefinition.builder()
            .name("api")
            .image("registry.example.com/team/api:1")
            .repositoryCredentials(r -> r.credentialsParameter(credentials))
            .environment(e -> e.name("STAGE").value("prod"))
            .secrets(s -> s.name("API_KEY").valueFrom("/shop/api/key"));
    java.util.List<software.amazon.awssdk.services.ecs.model.EnvironmentFile> list =
        new java.util.ArrayList<>();
    for (String f : files) {
      list.add(
          software.amazon.awssdk.services.ecs.model.EnvironmentFile.builder()
              .type("s3")
              .value(f)
              .build());
    }
    return b.environmentFiles(list).build();
  }

  @Test
  void thePodReadsItsEnvironmentFilesAndPullsWithItsRegistryCredentials() throws Exception {
    EcsTasks tasks = kecs.tasks("shop");
    tasks.registerWith(
        "api", r -> r.executionRoleArn(EXECUTION), api("registry/team", COMMON, API));
    Task task = tasks.run("api");
    FakeKubelet kubelet = kecs.kubelet();
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    String ns = pod.getMetadata().getNamespace();

    // environment wins over the files, the first file over the second, secrets over both.
    assertThat(environment(pod))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "STAGE", "prod",
                "REGION", "eu-west-1",
                "FEATURE", "common",
                "TIMEOUT", "30",
                "API_KEY", "k-123"));

    assertThat(pod.getSpec().getImagePullSecrets())
        .extracting(LocalObjectReference::getName)
        .containsExactly(pod.getMetadata().getName() + "-registry");
    Secret pull =
        kecs.client()
            .secrets()
            .inNamespace(ns)
            .withName(pod.getMetadata().getName() + "-registry")
            .get();
    assertThat(pull.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
    JsonNode auths = JSON.readTree(decode(pull.getData().get(".dockerconfigjson"))).get("auths");
    assertThat(auths.fieldNames()).toIterable().containsExactly("registry.example.com");
    assertThat(decode(auths.get("registry.example.com").get("auth").asText()))
        .isEqualTo("team:t-pw");
    assertThat(aws.calls())
        .anySatisfy(c -> assertThat(c.target()).isEqualTo("GET /shop-config/common.env"))
        .anySatisfy(
            c -> assertThat(c.body() == null ? "" : c.body().toString()).contains("registry/team"));

    // Both Secrets go with the pod.
    String secrets = pod.getMetadata().getName() + "-secrets";
    kecs.awaitTrue(() -> ownedByPod(ns, pull.getMetadata().getName(), pod));
    kecs.awaitTrue(() -> ownedByPod(ns, secrets, pod));
    kubelet.run(pod, "10.42.3.4", true);
    tasks.await(task, t -> "RUNNING".equals(t.lastStatus()));
    kecs.ecs().stopTask(r -> r.cluster("shop").task(task.taskArn()));
    tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    kecs.awaitTrue(
        () ->
            kecs.client().secrets().inNamespace(ns).withName(pull.getMetadata().getName()).get()
                    == null
                && kecs.client().secrets().inNamespace(ns).withName(secrets).get() == null);
  }

  @Test
  void anOverridesEnvironmentFilesReplaceTheDefinitionsAndItsEnvironmentStillWins()
      throws Exception {
    EcsTasks tasks = kecs.tasks("shop");
    tasks.registerWith(
        "api-canary", r -> r.executionRoleArn(EXECUTION), api("registry/team", COMMON, API));
    Task task =
        kecs.ecs()
            .runTask(
                r ->
                    r.cluster("shop")
                        .taskDefinition("api-canary")
                        .launchType(LaunchType.FARGATE)
                        .overrides(
                            o ->
                                o.containerOverrides(
                                    c ->
                                        c.name("api")
                                            .environment(e -> e.name("TIMEOUT").value("5"))
                                            .environmentFiles(
                                                f ->
                                                    f.type("s3")
                                                        .value(
                                                            "arn:aws:s3:::shop-config/canary.env"))))
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))))
            .tasks()
            .get(0);
    Pod pod = kecs.kubelet().awaitPod(EcsTasks.id(task));
    assertThat(environment(pod))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("STAGE", "prod", "TIMEOUT", "5", "FEATURE", "canary", "API_KEY", "k-123"));
  }

  @Test
  void aMissingEnvironmentFileStopsTheTaskAsEcsWordsIt() throws Exception {
    EcsTasks tasks = kecs.tasks("shop");
    tasks.registerWith(
        "api-missing",
        r -> r.executionRoleArn(EXECUTION),
        api("registry/team", COMMON, "arn:aws:s3:::shop-config/missing.env"));
    Task stopped = tasks.await(tasks.run("api-missing"), t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason())
        .isEqualTo(
            "ResourceInitializationError: failed to download env files: unable to download env"
                + " file with key missing.env from bucket shop-config, error: operation error S3:"
                + " GetObject, https response error StatusCode: 404, api error NoSuchKey: The"
                + " specified key does not exist.");
    assertThat(stopped.startedAt()).isNull();
    assertNothingMadeFor(stopped);
  }

  @Test
  void registryCredentialsWithoutAPasswordStopTheTaskAsEcsWordsIt() throws Exception {
    EcsTasks tasks = kecs.tasks("shop");
    tasks.registerWith("api-broken", r -> r.executionRoleArn(EXECUTION), api("registry/broken"));
    Task stopped = tasks.await(tasks.run("api-broken"), t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason())
        .isEqualTo(
            "ResourceInitializationError: unable to pull secrets or registry auth: execution"
                + " resource retrieval failed: asm fetching password: AuthorizationData is"
                + " malformed, empty field");
    assertNothingMadeFor(stopped);
  }

  private static void assertNothingMadeFor(Task task) {
    String id = EcsTasks.id(task);
    assertThat(
            kecs.client()
                .pods()
                .inAnyNamespace()
                .withLabel("kecs.io/task-id", id)
                .list()
                .getItems())
        .isEmpty();
    assertThat(
            kecs.client()
                .secrets()
                .inAnyNamespace()
                .withLabel("kecs.io/task-id", id)
                .list()
                .getItems())
        .isEmpty();
  }

  /** The first container's environment as the kubelet would resolve it. */
  private static Map<String, String> environment(Pod pod) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar v : pod.getSpec().getContainers().get(0).getEnv()) {
      assertThat(env).doesNotContainKey(v.getName());
      if (v.getName().startsWith("AWS_") || v.getName().startsWith("ECS_CONTAINER_METADATA")) {
        continue; // the ECS agent's variables (KubernetesAgentEnvironmentIT)
      }
      if (v.getValueFrom() == null) {
        env.put(v.getName(), v.getValue());
        continue;
      }
      var ref = v.getValueFrom().getSecretKeyRef();
      Secret s =
          kecs.client()
              .secrets()
              .inNamespace(pod.getMetadata().getNamespace())
              .withName(ref.getName())
              .get();
      env.put(v.getName(), decode(s.getData().get(ref.getKey())));
    }
    return env;
  }

  private static boolean ownedByPod(String ns, String secret, Pod pod) {
    Secret s = kecs.client().secrets().inNamespace(ns).withName(secret).get();
    return s != null
        && s.getMetadata().getOwnerReferences().stream()
            .anyMatch(
                o -> o.getKind().equals("Pod") && o.getName().equals(pod.getMetadata().getName()));
  }

  private static String decode(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }
}
