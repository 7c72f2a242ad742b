package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.kecs.runtime.secrets.FakeSecretsServer;
import io.kecs.server.KecsServer;
import io.kecs.server.RuntimeChoice;
import io.kecs.server.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
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

  private static FakeSecretsServer aws;
  private static KubernetesMock k8s;
  private static KecsServer kecs;
  private static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    aws =
        new FakeSecretsServer()
            .parameter("/prod/api/key", "k-123")
            .secret(DB_SECRET, null, "{\"password\":\"s3cr3t\"}");
    k8s = new KubernetesMock();
    kecs =
        KecsServer.start(
            ServerConfig.forTests()
                .withRuntime(
                    RuntimeChoice.kubernetes(k8s.kubeconfig(), null)
                        .withSecretsEndpoint(aws.endpoint())));
    ecs = EcsTasks.client(kecs.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    ecs.close();
    kecs.close();
    k8s.close();
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
    EcsTasks tasks = new EcsTasks(ecs, "secure");
    tasks.registerWith(
        "api",
        r -> r.taskRoleArn(ROLE).executionRoleArn(EXECUTION),
        api("API_KEY", "/prod/api/key", "DB_PASSWORD", DB_SECRET + ":password::"));
    Task task = tasks.run("api");
    FakeKubelet kubelet = k8s.kubelet();
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    String ns = pod.getMetadata().getNamespace();

    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("api-role");
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    ServiceAccount sa = k8s.client().serviceAccounts().inNamespace(ns).withName("api-role").get();
    assertThat(sa.getMetadata().getAnnotations())
        .containsEntry("eks.amazonaws.com/role-arn", ROLE)
        .containsEntry("kecs.io/role-arn", ROLE);

    String secretName = pod.getMetadata().getName() + "-secrets";
    Secret secret = k8s.client().secrets().inNamespace(ns).withName(secretName).get();
    assertThat(decode(secret.getData().get("api.API_KEY"))).isEqualTo("k-123");
    assertThat(decode(secret.getData().get("api.DB_PASSWORD"))).isEqualTo("s3cr3t");
    assertThat(secret.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "kecs");
    List<EnvVar> env = pod.getSpec().getContainers().get(0).getEnv();
    assertThat(env).extracting(EnvVar::getName).containsExactly("STAGE", "API_KEY", "DB_PASSWORD");
    assertThat(env.get(1).getValueFrom().getSecretKeyRef().getName()).isEqualTo(secretName);
    assertThat(env.get(1).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("api.API_KEY");
    tasks.awaitTrue(
        () -> {
          Secret s = k8s.client().secrets().inNamespace(ns).withName(secretName).get();
          return s.getMetadata().getOwnerReferences().stream()
              .anyMatch(
                  o ->
                      o.getKind().equals("Pod") && o.getName().equals(pod.getMetadata().getName()));
        });

    kubelet.run(pod, "10.42.3.3", true);
    tasks.await(task, t -> "RUNNING".equals(t.lastStatus()));
    ecs.stopTask(r -> r.cluster("secure").task(task.taskArn()));
    tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    tasks.awaitTrue(
        () -> k8s.client().secrets().inNamespace(ns).withName(secretName).get() == null);
  }

  @Test
  void aRunTaskRoleOverrideGetsItsOwnServiceAccount() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "secure");
    tasks.registerWith("plain", r -> r.taskRoleArn(ROLE), api());
    Task task =
        ecs.runTask(
                r ->
                    r.cluster("secure")
                        .taskDefinition("plain")
                        .launchType(LaunchType.FARGATE)
                        .overrides(o -> o.taskRoleArn("arn:aws:iam::000000000000:role/auditor"))
                        .networkConfiguration(
                            n -> n.awsvpcConfiguration(a -> a.subnets("subnet-1"))))
            .tasks()
            .get(0);
    Pod pod = k8s.kubelet().awaitPod(EcsTasks.id(task));
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("auditor");
    assertThat(
            k8s.client()
                .serviceAccounts()
                .inNamespace(pod.getMetadata().getNamespace())
                .withName("auditor")
                .get())
        .isNotNull();
  }

  @Test
  void aSecretThatCannotBeReadFailsTheTaskAsEcsWordsIt() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "secure");
    tasks.registerWith(
        "broken", r -> r.executionRoleArn(EXECUTION), api("API_KEY", "/prod/missing"));
    Task task = tasks.run("broken");
    Task stopped = tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason())
        .isEqualTo(
            "ResourceInitializationError: unable to pull secrets or registry auth: execution"
                + " resource retrieval failed: unable to retrieve secrets from ssm:"
                + " ParameterNotFound");
    assertThat(stopped.startedAt()).isNull();
    assertThat(
            k8s.client()
                .pods()
                .inAnyNamespace()
                .withLabel("kecs.io/task-id", EcsTasks.id(task))
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void withoutASecretsEndpointTasksWithSecretsFailToStart() throws Exception {
    try (KubernetesMock other = new KubernetesMock();
        KecsServer plain =
            KecsServer.start(
                ServerConfig.forTests()
                    .withRuntime(RuntimeChoice.kubernetes(other.kubeconfig(), null)));
        EcsClient client = EcsTasks.client(plain.endpoint())) {
      EcsTasks tasks = new EcsTasks(client, "secure");
      tasks.registerWith(
          "api", r -> r.executionRoleArn(EXECUTION), api("API_KEY", "/prod/api/key"));
      Task stopped = tasks.await(tasks.run("api"), t -> "STOPPED".equals(t.lastStatus()));
      assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
      assertThat(stopped.stoppedReason())
          .startsWith("ResourceInitializationError: unable to pull secrets or registry auth: ")
          .endsWith("(start KECS with --secrets-endpoint)");
    }
  }

  private static String decode(String b64) {
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }
}
