package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.kecs.server.KecsServer;
import io.kecs.server.RuntimeChoice;
import io.kecs.server.ServerConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The ECS view, through the AWS SDK, of tasks run as pods on the mock API server, with the test
 * playing the kubelet.
 */
class KubernetesRuntimeIT {
  private static KubernetesMock k8s;
  private static KecsServer kecs;
  private static EcsClient ecs;
  private static FakeKubelet kubelet;

  @BeforeAll
  static void start() throws Exception {
    k8s = new KubernetesMock();
    kubelet = k8s.kubelet();
    kecs =
        KecsServer.start(
            ServerConfig.forTests().withRuntime(RuntimeChoice.kubernetes(k8s.kubeconfig(), null)));
    ecs = EcsTasks.client(kecs.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    ecs.close();
    kecs.close();
    k8s.close();
  }

  @Test
  void runTaskCreatesALabelledPodInTheClustersNamespace() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "Web_Apps");
    tasks.register("web", "app");
    Task task = tasks.run("web");
    assertThat(kecs.runtimeName()).isEqualTo("kubernetes");

    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    String ns = pod.getMetadata().getNamespace();
    assertThat(ns).matches("web-apps-us-east-1-[0-9a-f]{8}");
    Namespace namespace = k8s.client().namespaces().withName(ns).get();
    assertThat(namespace.getMetadata().getAnnotations())
        .containsEntry("kecs.io/cluster-name", "Web_Apps")
        .containsEntry("kecs.io/cluster-arn", task.clusterArn());
    assertThat(pod.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "kecs")
        .containsEntry("kecs.io/task-id", EcsTasks.id(task))
        .containsEntry("kecs.io/cluster", "Web_Apps")
        .containsEntry("kecs.io/family", "web")
        .containsEntry("kecs.io/revision", "1");
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("kecs.io/task-arn", task.taskArn())
        .containsEntry("kecs.io/task-definition-arn", task.taskDefinitionArn());
    assertThat(pod.getSpec().getContainers().get(0).getArgs()).containsExactly("serve", "--fast");
    assertThat(tasks.describe(task).lastStatus()).isEqualTo("PROVISIONING");
  }

  @Test
  void podStatusDrivesTheTaskFromPendingToStoppedOnStopTask() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "lifecycle");
    tasks.registerWithHealthCheck("checked", "app");
    Task task = tasks.run("checked");
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));

    kubelet.pulling(pod);
    Task pending = tasks.await(task, t -> "PENDING".equals(t.lastStatus()));
    assertThat(pending.pullStartedAt()).isNotNull();

    kubelet.run(pod, "10.42.0.7", true);
    Task running = tasks.await(task, t -> "HEALTHY".equals(t.healthStatusAsString()));
    assertThat(running.lastStatus()).isEqualTo("RUNNING");
    assertThat(running.pullStoppedAt()).isNotNull();
    assertThat(running.startedAt()).isNotNull();
    Container app = running.containers().get(0);
    assertThat(app.lastStatus()).isEqualTo("RUNNING");
    assertThat(app.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(app.runtimeId()).isEqualTo("cd".repeat(32));
    assertThat(app.imageDigest()).isEqualTo("sha256:" + "ab".repeat(32));
    assertThat(app.networkInterfaces().get(0).privateIpv4Address()).isEqualTo("10.42.0.7");

    ecs.stopTask(r -> r.cluster("lifecycle").task(task.taskArn()).reason("done here"));
    Task stopped = tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
    assertThat(stopped.stoppedReason()).isEqualTo("done here");
    assertThat(kubelet.exists(pod)).isFalse();
  }

  @Test
  void anEssentialContainerThatExitsStopsTheTaskAndItsPod() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "essential");
    tasks.register("pair", "app", "sidecar");
    Task task = tasks.run("pair");
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    kubelet.run(pod, "10.42.0.8", true);
    tasks.await(task, t -> "RUNNING".equals(t.lastStatus()));

    kubelet.exit(pod, "sidecar", 0, "Completed");
    Task stillRunning =
        tasks.await(task, t -> "STOPPED".equals(container(t, "sidecar").lastStatus()));
    assertThat(stillRunning.lastStatus()).isEqualTo("RUNNING");
    assertThat(container(stillRunning, "sidecar").exitCode()).isZero();

    kubelet.exit(pod, "app", 2, "Error");
    Task stopped = tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
    assertThat(container(stopped, "app").exitCode()).isEqualTo(2);
    tasks.awaitTrue(() -> !kubelet.exists(pod));
  }

  @Test
  void aPodThatSucceedsIsReportedStoppedAndCleanedUp() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "batch");
    tasks.register("job", "work");
    Task task = tasks.run("job");
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    kubelet.pulling(pod);
    tasks.await(task, t -> "PENDING".equals(t.lastStatus()));
    // A quick job: the next status the kubelet reports is the end.
    kubelet.complete(pod, 0);
    Task stopped = tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.startedAt()).isNotNull();
    assertThat(container(stopped, "work").exitCode()).isZero();
    assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    tasks.awaitTrue(() -> !kubelet.exists(pod));
  }

  @Test
  void anImageThatCannotBePulledFailsTheTask() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "pull");
    tasks.register("missing", "app");
    Task task = tasks.run("missing");
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    kubelet.pulling(pod);
    kubelet.imagePullBackOff(pod, "Back-off pulling image \"nginx:nope\"");
    Task stopped = tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason())
        .isEqualTo("CannotPullContainerError: Back-off pulling image \"nginx:nope\"");
    assertThat(container(stopped, "app").reason()).startsWith("CannotPullContainerError:");
    assertThat(stopped.startedAt()).isNull();
    tasks.awaitTrue(() -> !kubelet.exists(pod));
  }

  @Test
  void anOutOfMemoryKillIsWordedAsEcsDoes() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "oom");
    tasks.register("hungry", "app");
    Task task = tasks.run("hungry");
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    kubelet.run(pod, "10.42.0.10", true);
    tasks.await(task, t -> "RUNNING".equals(t.lastStatus()));
    kubelet.exit(pod, "app", 137, "OOMKilled");
    Task stopped = tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    Container app = container(stopped, "app");
    assertThat(app.exitCode()).isEqualTo(137);
    assertThat(app.reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
    assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
  }

  @Test
  void anEvictedPodStopsTheTaskWithATerminationNotice() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "evict");
    tasks.register("victim", "app");
    Task task = tasks.run("victim");
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    kubelet.run(pod, "10.42.0.11", true);
    tasks.await(task, t -> "RUNNING".equals(t.lastStatus()));
    kubelet.evict(pod, "The node was low on resource: memory.");
    Task stopped = tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.stopCodeAsString()).isEqualTo("TerminationNotice");
    assertThat(stopped.stoppedReason())
        .isEqualTo("Task was evicted by Kubernetes: The node was low on resource: memory.");
  }

  @Test
  void aPodDeletedBehindKecssBackStopsTheTask() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "lost");
    tasks.register("gone", "app");
    Task task = tasks.run("gone");
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    kubelet.run(pod, "10.42.0.12", true);
    tasks.await(task, t -> "RUNNING".equals(t.lastStatus()));
    kubelet.delete(pod);
    Task stopped = tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.stopCodeAsString()).isEqualTo("TerminationNotice");
    assertThat(stopped.stoppedReason())
        .isEqualTo(
            "Pod "
                + pod.getMetadata().getNamespace()
                + "/"
                + pod.getMetadata().getName()
                + " was deleted outside KECS");
  }

  static Container container(Task t, String name) {
    List<Container> matching = t.containers().stream().filter(c -> c.name().equals(name)).toList();
    return matching.get(0);
  }
}
