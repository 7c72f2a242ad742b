package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kecs.runtime.secrets.FakeSecretsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Task roles as ServiceAccounts and task secrets as a Secret read from a stand-in SSM / Secrets
 * Manager endpoint, checked in Kubernetes and in the ECS view.
 */
class KubernetesSecretsIT {
  private static final String DB_SECRET =
      "arn:aws:secretsmanager:us-east-1:000000000000:secret:prod/db-AbCdEf";
  private static final String ROLE = "arn:aws:iam::000000000000:role/api-role";
  private static final String EXECUTION = "arn:aws:iam::000000000000:role/ecsTaskExecutionRole";

  // Started before the extension, which needs its endpoint.
  private static final FakeSecretsServer aws = secretsServer();

  @RegisterExtension
  static KubernetesKecs kecs = new KubernetesKecs().secretsEndpoint(aws.endpoint());

  private static FakeSecretsServer secretsServer() {
    try {
      return new FakeSecretsServer()
          .parameter("/prod/api/key", "k-123")
          .secret(DB_SECRET, null, "{\"password\":\"s3cr3t\"}");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  private static ContainerDefinition api(String... secrets) {
    ContainerDefinition.Builder b =
        ContainerDefinition.builder()
            .name("api")
            .image("example/api:1")
            .environment(e -> e.name("STAGE").value("prod"));
    java.util.List<software.amazon.awssdk.services.ecs.model.Secret> list =
        new java.util.ArrayList<>();
    for (int i = 0; i < secrets.length; i += 2) {
      list.add(
          software.amazon.awssdk.services.ecs.model.Secret.builder()
              .name(secrets[i])
              .valueFrom(secrets[i + 1])
              .build());
    }
    return b.secrets(list).build();
  }

  @Test
  void aTaskReadsItsSecretsFromASecretAndRunsAsItsRolesServiceAccount() throws Exception {
    EcsTasks tasks = kecs.tasks("secure");
    tasks.registerWith(
        "api",
        r -> r.taskRoleArn(ROLE).executionRoleArn(EXECUTION),
        api("API_KEY", "/prod/api/key", "DB_PASSWORD", DB_SECRET + ":password::"));
    Task task = tasks.run("api");
    FakeKubelet kubelet = kecs.kubelet();
    Pod pod = kecs.awaitPod(task);
    String ns = pod.getMetadata().getNamespace();

    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("api-role");
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    ServiceAccount sa = kecs.client().serviceAccounts().inNamespace(ns).withName("api-role").get();
    assertThat(sa.getMetadata().getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", ROLE)
        .containsEntry("kecs.io/role-arn", ROLE);

    String secretName = pod.getMetadata().getName() + "-secrets";
    Secret secret = kecs.client().secrets().inNamespace(ns).withName(secretName).get();
    assertThat(decode(secret.getData().get("api.API_KEY"))).isEqualTo("k-123");
    assertThat(decode(secret.getData().get("api.DB_PASSWORD"))).isEqualTo("s3cr3t");
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "kecs");
    // Without the ECS agent's variables (KubernetesAgentEnvironmentIT), which come first.
    List<EnvVar> env =
        pod.getSpec().getContainers().get(0).getEnv().stream()
            .filter(
                v ->
                    !v.getName().startsWith("AWS_")
                        && !v.getName().startsWith("ECS_CONTAINER_METADATA"))
            .toList();
    assertThat(env).extracting(EnvVar::getName).containsExactly("STAGE", "API_KEY", "DB_PASSWORD");
    assertThat(env.get(1).getValueFrom().getSecretKeyRef().getName()).isEqualTo(secretName);
    assertThat(env.get(1).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api.API_KEY");
    kecs.awaitTrue(
        () -> {
          Secret s = kecs.client().secrets().inNamespace(ns).withName(secretName).get();
          return s.getMetadata().getOwnerReferences().stream()
              .anyMatch(
                  o ->
                      o.getKind().equals("Pod") && o.getName().equals(pod.getMetadata().getName()));
        });

    kubelet.run(pod, "10.42.3.3", true);
    kecs.awaitStatus(task, "RUNNING");
    kecs.ecs().stopTask(r -> r.cluster("secure").task(task.taskArn()));
    kecs.awaitStatus(task, "STOPPED");
    kecs.awaitTrue(
        () -> kecs.client().secrets().inNamespace(ns).withName(secretName).get() == null);
  }

  @Test
  void aRunTaskRoleOverrideGetsItsOwnServiceAccount() throws Exception {
    EcsTasks tasks = kecs.tasks("secure");
    tasks.registerWith("plain", r -> r.taskRoleArn(ROLE), api());
    Task task =
        kecs.ecs()
            .runTask(
                r ->
                    r.cluster("secure")
                        .taskDefinition("plain")
                        .launchType(LaunchType.FARGATE)
                        .overrides(o -> o.taskRoleArn("arn:aws:iam::000000000000:role/auditor"))
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))))
            .tasks()
            .get(0);
    Pod pod = kecs.awaitPod(task);
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("auditor");
    assertThat(
            kecs.client()
                .serviceAccounts()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName("auditor")
                .get())
        .isNotNull();
  }

  @Test
  void aSecretThatCannotBeReadFailsTheTaskAsEcsWordsIt() throws Exception {
    EcsTasks tasks = kecs.tasks("secure");
    tasks.registerWith(
        "broken", r -> r.executionRoleArn(EXECUTION), api("API_KEY", "/prod/missing"));
    Task task = tasks.run("broken");
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason())
        .isEqualTo(
            "ResourceInitializationError: unable to pull secrets or registry auth: execution"
                + " resource retrieval failed: unable to retrieve secrets from ssm:"
                + " ParameterNotFound");
    assertThat(stopped.startedAt()).isNull();
    assertThat(
            kecs.client()
                .pods()
                .inAnyNamespace()
                .withLabel("kecs.io/task-id", EcsTasks.id(task))
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void withoutASecretsEndpointTasksWithSecretsFailToStart() throws Exception {
    try (KubernetesKecs plain = new KubernetesKecs().start()) {
      EcsTasks tasks = plain.tasks("secure");
      tasks.registerWith(
          "api", r -> r.executionRoleArn(EXECUTION), api("API_KEY", "/prod/api/key"));
      Task stopped = plain.awaitStatus(tasks.run("api"), "STOPPED");
      assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
      assertThat(stopped.stoppedReason())
          .startsWith("ResourceInitializationError: unable to pull secrets or registry auth: ")
          .endsWith("(start KECS with --aws-backend)");
    }
  }

  private static String decode(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }
}
