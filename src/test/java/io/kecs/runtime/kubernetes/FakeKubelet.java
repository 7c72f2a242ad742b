package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a kubelet would write into a pod's status, written by the test: the mock API server has no
 * scheduler and no kubelet.
 */
public final class FakeKubelet {
  private final KubernetesClient client;

  FakeKubelet(KubernetesClient client) {
    this.client = client;
  }

  /** The pod of a task, once KECS has created it. */
  public Pod awaitPod(String taskId) throws InterruptedException {
    return Await.value(
        () ->
            client
                .pods()
                .inAnyNamespace()
                .withLabel(PodLabels.TASK_ID, taskId)
                .list()
                .getItems()
                .stream()
                .findFirst()
                .orElse(null),
        () -> "no pod for task " + taskId);
  }

  public boolean exists(Pod pod) {
    return client.pods().inNamespace(ns(pod)).withName(name(pod)).get() != null;
  }

  public void pulling(Pod pod) {
    status(
        pod,
        s ->
            new PodStatusBuilder(s)
                .withPhase("Pending")
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("True")
                .endCondition()
                .withContainerStatuses(each(pod, c -> waiting(c, "ContainerCreating", null)))
                .build());
  }

  /** Every container running; those with a readiness probe ready when {@code ready}. */
  public void run(Pod pod, String ip, boolean ready) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    status(
        pod,
        s ->
            new PodStatusBuilder(s)
                .withPhase("Running")
                .withPodIP(ip)
                .withContainerStatuses(
                    each(
                        pod,
                        c ->
                            base(c)
                                .withReady(ready || c.getReadinessProbe() == null)
                                .withNewState()
                                .withNewRunning(now)
                                .endState()
                                .build()))
                .build());
  }

  public void exit(Pod pod, String container, int exitCode, String reason) {
    status(
        pod,
        s -> {
          List<ContainerStatus> list = new ArrayList<>(s.getContainerStatuses());
          list.replaceAll(
              cs ->
                  cs.getName().equals(container)
                      ? new ContainerStatusBuilder(cs)
                          .withReady(false)
                          .withNewState()
                          .withNewTerminated()
                          .withExitCode(exitCode)
                          .withReason(reason)
                          .endTerminated()
                          .endState()
                          .build()
                      : cs);
          return new PodStatusBuilder(s).withContainerStatuses(list).build();
        });
  }

  public void imagePullBackOff(Pod pod, String message) {
    status(
        pod,
        s ->
            new PodStatusBuilder(s)
                .withPhase("Pending")
                .withContainerStatuses(each(pod, c -> waiting(c, "ImagePullBackOff", message)))
                .build());
  }

  /** Every container exits with {@code exitCode} and the pod ends, in one status update. */
  public void complete(Pod pod, int exitCode) {
    status(
        pod,
        s ->
            new PodStatusBuilder(s)
                .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                .withContainerStatuses(
                    each(
                        pod,
                        c ->
                            base(c)
                                .withReady(false)
                                .withNewState()
                                .withNewTerminated()
                                .withExitCode(exitCode)
                                .withReason(exitCode == 0 ? "Completed" : "Error")
                                .endTerminated()
                                .endState()
                                .build()))
                .build());
  }

  public void evict(Pod pod, String message) {
    status(
        pod,
        s ->
            new PodStatusBuilder(s)
                .withPhase("Failed")
                .withReason("Evicted")
                .withMessage(message)
                .build());
  }

  public void delete(Pod pod) {
    client.pods().inNamespace(ns(pod)).withName(name(pod)).withGracePeriod(0).delete();
  }

  private void status(Pod pod, UnaryOperator<PodStatus> change) {
    client
        .pods()
        .inNamespace(ns(pod))
        .withName(name(pod))
        .editStatus(
            p -> {
              p.setStatus(change.apply(p.getStatus() == null ? new PodStatus() : p.getStatus()));
              return p;
            });
  }

  private static List<ContainerStatus> each(
      Pod pod, java.util.function.Function<Container, ContainerStatus> f) {
    return pod.getSpec().getContainers().stream().map(f).toList();
  }

  private static ContainerStatusBuilder base(Container c) {
    return new ContainerStatusBuilder()
        .withName(c.getName())
        .withImage(c.getImage())
        .withImageID("docker.io/library/" + c.getImage() + "@sha256:" + "ab".repeat(32))
        .withContainerID("containerd://" + "cd".repeat(32))
        .withRestartCount(0);
  }

  private static ContainerStatus waiting(Container c, String reason, String message) {
    return new ContainerStatusBuilder()
        .withName(c.getName())
        .withImage(c.getImage())
        .withReady(false)
        .withRestartCount(0)
        .withNewState()
        .withNewWaiting(message, reason)
        .endState()
        .build();
  }

  private static String ns(Pod pod) {
    return pod.getMetadata().getNamespace();
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getName();
  }
}
