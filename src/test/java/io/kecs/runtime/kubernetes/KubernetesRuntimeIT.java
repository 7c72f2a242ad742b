package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.HealthStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The ECS view, through the AWS SDK, of tasks run as pods on the mock API server, with the test
 * playing the kubelet.
 */
class KubernetesRuntimeIT {
  @RegisterExtension static KubernetesKecs kecs = new KubernetesKecs();

  /** A task of a one-container definition {@code family} in {@code cluster}, just run. */
  private static Task run(String cluster, String family) {
    EcsTasks tasks = kecs.tasks(cluster);
    tasks.register(family, "app");
    return tasks.run(family);
  }

  @Test
  void runTaskCreatesALabelledPodInTheClustersNamespace() throws Exception {
    EcsTasks tasks = kecs.tasks("Web_Apps");
    tasks.register("web", "app");
    Task task = tasks.run("web");
    assertThat(kecs.server().runtimeName()).isEqualTo("kubernetes");

    Pod pod = kecs.awaitPod(task);
    String ns = pod.getMetadata().getNamespace();
    assertThat(ns).matches("web-apps-us-east-1-[0-9a-f]{8}");
    Namespace namespace = kecs.namespace(ns);
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
  void anAutoprovisionedSharedVolumeIsClaimedOnceAndKept() throws Exception {
    // Docker volumes are for EC2: the task goes to a node's container instance.
    EcsTasks tasks = kecs.tasks("default");
    kecs.nodes().add("volume-node", true, java.util.Map.of());
    kecs.awaitTrue(
        () ->
            !kecs.ecs()
                .listContainerInstances(r -> r.cluster("default"))
                .containerInstanceArns()
                .isEmpty());
    tasks.registerWith(
        "cache",
        r ->
            r.requiresCompatibilities(software.amazon.awssdk.services.ecs.model.Compatibility.EC2)
                .networkMode(software.amazon.awssdk.services.ecs.model.NetworkMode.BRIDGE)
                .volumes(
                    v ->
                        v.name("cache")
                            .dockerVolumeConfiguration(
                                d ->
                                    d.scope("shared")
                                        .autoprovision(true)
                                        .driver("local")
                                        .driverOpts(java.util.Map.of("size", "2Gi")))),
        software.amazon.awssdk.services.ecs.model.ContainerDefinition.builder()
            .name("app")
            .image("redis:7")
            .mountPoints(m -> m.sourceVolume("cache").containerPath("/data"))
            .build());
    java.util.function.Supplier<Task> run =
        () ->
            kecs.ecs()
                .runTask(
                    r ->
                        r.cluster("default")
                            .taskDefinition("cache")
                            .launchType(software.amazon.awssdk.services.ecs.model.LaunchType.EC2))
                .tasks()
                .get(0);
    Pod first = kecs.awaitPod(run.get());
    Pod second = kecs.awaitPod(run.get());
    String ns = first.getMetadata().getNamespace();
    var claims = kecs.client().persistentVolumeClaims().inNamespace(ns).list().getItems();
    assertThat(claims).hasSize(1);
    assertThat(claims.get(0).getMetadata().getName()).isEqualTo("cache");
    assertThat(claims.get(0).getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("2Gi");
    assertThat(second.getSpec().getVolumes())
        .anyMatch(
            v ->
                v.getPersistentVolumeClaim() != null
                    && "cache".equals(v.getPersistentVolumeClaim().getClaimName()));
    // The claim outlives its tasks, as a Docker volume does.
    kecs.ecs()
        .stopTask(
            r ->
                r.cluster("default")
                    .task(first.getMetadata().getAnnotations().get("kecs.io/task-arn")));
    kecs.awaitTrue(() -> !kecs.kubelet().exists(first));
    assertThat(kecs.client().persistentVolumeClaims().inNamespace(ns).withName("cache").get())
        .isNotNull();
  }

  @Test
  void podStatusDrivesTheTaskFromPendingToStoppedOnStopTask() throws Exception {
    EcsTasks tasks = kecs.tasks("lifecycle");
    tasks.registerWithHealthCheck("checked", "app");
    Task task = tasks.run("checked");
    Pod pod = kecs.awaitPod(task);
    FakeKubelet kubelet = kecs.kubelet();

    kubelet.pulling(pod);
    Task pending = kecs.awaitStatus(task, "PENDING");
    assertThat(pending.pullStartedAt()).isNotNull();

    kubelet.run(pod, "10.42.0.7", true);
    Task running = kecs.awaitTask(task, t -> "HEALTHY".equals(t.healthStatusAsString()));
    assertThat(running.lastStatus()).isEqualTo("RUNNING");
    assertThat(running.pullStoppedAt()).isNotNull();
    assertThat(running.startedAt()).isNotNull();
    Container app = running.containers().get(0);
    assertThat(app.lastStatus()).isEqualTo("RUNNING");
    assertThat(app.healthStatus()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(app.runtimeId()).isEqualTo("cd".repeat(32));
    assertThat(app.imageDigest()).isEqualTo("sha256:" + "ab".repeat(32));
    assertThat(app.networkInterfaces().get(0).privateIpv4Address()).isEqualTo("10.42.0.7");

    kecs.ecs().stopTask(r -> r.cluster("lifecycle").task(task.taskArn()).reason("done here"));
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
    assertThat(stopped.stoppedReason()).isEqualTo("done here");
    assertThat(kubelet.exists(pod)).isFalse();
  }

  @Test
  void anEssentialContainerThatExitsStopsTheTaskAndItsPod() throws Exception {
    EcsTasks tasks = kecs.tasks("essential");
    tasks.register("pair", "app", "sidecar");
    Task task = tasks.run("pair");
    Pod pod = kecs.awaitRunning(task, "10.42.0.8");
    FakeKubelet kubelet = kecs.kubelet();

    kubelet.exit(pod, "sidecar", 0, "Completed");
    Task stillRunning =
        kecs.awaitTask(task, t -> "STOPPED".equals(container(t, "sidecar").lastStatus()));
    assertThat(stillRunning.lastStatus()).isEqualTo("RUNNING");
    assertThat(container(stillRunning, "sidecar").exitCode()).isZero();

    kubelet.exit(pod, "app", 2, "Error");
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
    assertThat(container(stopped, "app").exitCode()).isEqualTo(2);
    kecs.awaitTrue(() -> !kubelet.exists(pod));
  }

  @Test
  void aPodThatSucceedsIsReportedStoppedAndCleanedUp() throws Exception {
    EcsTasks tasks = kecs.tasks("batch");
    tasks.register("job", "work");
    Task task = tasks.run("job");
    Pod pod = kecs.awaitPending(task);
    FakeKubelet kubelet = kecs.kubelet();
    // A quick job: the next status the kubelet reports is the end.
    kubelet.complete(pod, 0);
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    assertThat(stopped.startedAt()).isNotNull();
    assertThat(container(stopped, "work").exitCode()).isZero();
    assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    kecs.awaitTrue(() -> !kubelet.exists(pod));
  }

  @Test
  void anImageThatCannotBePulledFailsTheTask() throws Exception {
    Task task = run("pull", "missing");
    Pod pod = kecs.awaitPod(task);
    FakeKubelet kubelet = kecs.kubelet();
    kubelet.pulling(pod);
    kubelet.imagePullBackOff(pod, "Back-off pulling image \"nginx:nope\"");
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason())
        .isEqualTo("CannotPullContainerError: Back-off pulling image \"nginx:nope\"");
    assertThat(container(stopped, "app").reason()).startsWith("CannotPullContainerError:");
    assertThat(stopped.startedAt()).isNull();
    kecs.awaitTrue(() -> !kubelet.exists(pod));
  }

  @Test
  void anOutOfMemoryKillIsWordedAsEcsDoes() throws Exception {
    Task task = run("oom", "hungry");
    Pod pod = kecs.awaitRunning(task, "10.42.0.10");
    kecs.kubelet().exit(pod, "app", 137, "OOMKilled");
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    Container app = container(stopped, "app");
    assertThat(app.exitCode()).isEqualTo(137);
    assertThat(app.reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
    assertThat(stopped.stopCodeAsString()).isEqualTo("EssentialContainerExited");
  }

  @Test
  void anEvictedPodStopsTheTaskWithATerminationNotice() throws Exception {
    Task task = run("evict", "victim");
    Pod pod = kecs.awaitRunning(task, "10.42.0.11");
    kecs.kubelet().evict(pod, "The node was low on resource: memory.");
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("TerminationNotice");
    assertThat(stopped.stoppedReason())
        .isEqualTo("Task was evicted by Kubernetes: The node was low on resource: memory.");
  }

  @Test
  void aPodDeletedBehindKecssBackStopsTheTask() throws Exception {
    Task task = run("lost", "gone");
    Pod pod = kecs.awaitRunning(task, "10.42.0.12");
    kecs.kubelet().delete(pod);
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("TerminationNotice");
    assertThat(stopped.stoppedReason()).isEqualTo(deletedOutsideKecs(pod));
  }

  /** The stoppedReason of a task whose pod someone else deleted. */
  static String deletedOutsideKecs(Pod pod) {
    return "Pod "
        + pod.getMetadata().getNamespace()
        + "/"
        + pod.getMetadata().getName()
        + " was deleted outside KECS";
  }

  static Container container(Task t, String name) {
    List<Container> matching = t.containers().stream().filter(c -> c.name().equals(name)).toList();
    return matching.get(0);
  }
}
