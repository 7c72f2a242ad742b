package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.kecs.runtime.kubernetes.KubernetesMock.History;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The Kubernetes runtime when the API server misbehaves: pod creation rides out transient errors,
 * fails the task once they persist, and the pod informer recovers from a restarted server without
 * missing what changed meanwhile.
 */
class KubernetesResilienceIT {
  @RegisterExtension static KubernetesKecs kecs = new KubernetesKecs();

  /** The label selector of KECS's pod informer. */
  private static final String KECS_PODS = "labelSelector=app.kubernetes.io/managed-by=kecs";

  private static void failPodCreation(String namespace, int code, int times) {
    kecs.k8s()
        .server()
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + namespace + "/pods")
        .andReturn(code, "{\"kind\":\"Status\",\"code\":" + code + "}")
        .times(times);
  }

  @Test
  void podCreationRetriesTransientErrors() throws Exception {
    EcsTasks tasks = kecs.tasks("flaky");
    tasks.register("web", "app");
    String ns = kecs.awaitNamespaceOf("flaky");
    failPodCreation(ns, 503, 1);
    failPodCreation(ns, 429, 1);
    Task task = tasks.run("web");
    Pod pod = kecs.awaitPod(task);
    kecs.kubelet().run(pod, "10.42.1.1", true);
    Task running = kecs.awaitStatus(task, "RUNNING");
    assertThat(running.stoppedReason()).isNull();
  }

  @Test
  void persistentServerErrorsFailTheTask() throws Exception {
    EcsTasks tasks = kecs.tasks("broken");
    tasks.register("web", "app");
    String ns = kecs.awaitNamespaceOf("broken");
    failPodCreation(ns, 500, 50);
    Task task = tasks.run("web");
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    kecs.k8s().server().clearExpectations();
  }

  @Test
  void theInformerCatchesUpAfterTheServerRestarts() throws Exception {
    EcsTasks tasks = kecs.tasks("restarts");
    tasks.register("web", "app");
    Task task = tasks.run("web");
    Pod pod = kecs.awaitPending(task);
    FakeKubelet kubelet = kecs.kubelet();

    kecs.k8s().restart();
    // Changed right away, most likely before the informer's watch is back.
    kubelet.run(pod, "10.42.1.2", true);
    Task running = kecs.awaitStatus(task, "RUNNING");
    assertThat(running.containers().get(0).networkInterfaces().get(0).privateIpv4Address())
        .isEqualTo("10.42.1.2");

    // And the watch is back: later changes arrive as they happen.
    kubelet.exit(pod, "app", 3, "Error");
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
  }

  /**
   * The two ways an informer catches up after an outage, told apart by what the server is asked
   * once back. With its event history ({@link History#KEPT}) the server lets the watch resume from
   * its resourceVersion and sends what it missed: no relist. Without it ({@link History#LOST}, as
   * after etcd compaction) the resumed watch gets 410 Gone and the informer relists; a pod deleted
   * meanwhile is then only known by its absence from the list. Either way no change made during the
   * outage may be lost. (fabric8's mock alone cannot do either: it ignores resourceVersion and
   * starts every watch with the current objects as ADDED, so a deletion made during the outage
   * never reaches a resumed watch; {@link HistoryCrudDispatcher} adds the history.)
   */
  @ParameterizedTest
  @EnumSource(History.class)
  void noPodChangeMadeDuringAnOutageIsLost(History history) throws Exception {
    EcsTasks tasks = kecs.tasks("outage-" + history.name().toLowerCase());
    tasks.register("web", "app");
    Task starting = tasks.run("web");
    Task deleted = tasks.run("web");
    Task exiting = tasks.run("web");
    Pod startingPod = kecs.awaitPending(starting);
    Pod deletedPod = kecs.awaitRunning(deleted, "10.42.2.2");
    Pod exitingPod = kecs.awaitRunning(exiting, "10.42.2.3");
    int before = kecs.k8s().requests().size();

    kecs.k8s()
        .outage(
            history,
            client -> {
              FakeKubelet kubelet = new FakeKubelet(client);
              kubelet.run(startingPod, "10.42.2.1", true);
              kubelet.delete(deletedPod);
              kubelet.exit(exitingPod, "app", 4, "Error");
            });

    Task running = kecs.awaitStatus(starting, "RUNNING");
    assertThat(running.containers().get(0).networkInterfaces().get(0).privateIpv4Address())
        .isEqualTo("10.42.2.1");
    Task gone = kecs.awaitStatus(deleted, "STOPPED");
    assertThat(gone.stopCodeAsString()).isEqualTo("TerminationNotice");
    assertThat(gone.stoppedReason()).isEqualTo(KubernetesRuntimeIT.deletedOutsideKecs(deletedPod));
    Task exited = kecs.awaitStatus(exiting, "STOPPED");
    assertThat(exited.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(exited.containers().get(0).exitCode()).isEqualTo(4);

    List<String> since = informerRequests(before);
    List<String> lists = since.stream().filter(r -> !r.contains("watch=true")).toList();
    List<String> watches = since.stream().filter(r -> r.contains("watch=true")).toList();
    assertThat(watches).as("the informer's watch came back").isNotEmpty();
    assertThat(watches.get(0)).as("resumed from where it was").contains("resourceVersion=");
    if (history == History.KEPT) {
      // fabric8 7.8 takes a watch that ends cleanly, with no event, within 2 s of its start for a
      // silent 410 and relists (AbstractWatchManager.watchEnded); the pod watch has had events
      // since it began (the pods above), so it resumes.
      assertThat(lists).as("no relist: the watch resumed").isEmpty();
    } else {
      assertThat(lists).as("a relist after 410 Gone").isNotEmpty();
      assertThat(since.indexOf(watches.get(0))).isLessThan(since.indexOf(lists.get(0)));
    }

    // And the watch is live again.
    kecs.kubelet().exit(startingPod, "app", 3, "Error");
    Task stopped = kecs.awaitStatus(starting, "STOPPED");
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
  }

  /** The lists and watches of KECS's pod informer the API server got since request {@code n}. */
  private static List<String> informerRequests(int n) {
    List<String> all = kecs.k8s().requests();
    return all.subList(n, all.size()).stream()
        .map(r -> URLDecoder.decode(r, StandardCharsets.UTF_8))
        .filter(r -> r.startsWith("GET /api/v1/pods?") && r.contains(KECS_PODS))
        .toList();
  }
}
