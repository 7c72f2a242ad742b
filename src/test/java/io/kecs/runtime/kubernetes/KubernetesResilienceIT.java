package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.kecs.server.KecsServer;
import io.kecs.server.RuntimeChoice;
import io.kecs.server.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The Kubernetes runtime when the API server misbehaves: pod creation rides out transient errors,
 * fails the task once they persist, and the pod informer recovers from a restarted server without
 * missing what changed meanwhile.
 */
class KubernetesResilienceIT {
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

  /** The namespace KECS made for a cluster (clusters get theirs when created). */
  private static String namespaceOf(EcsTasks tasks, String cluster) throws Exception {
    String[] found = new String[1];
    tasks.awaitTrue(
        () -> {
          for (var ns : k8s.client().namespaces().list().getItems()) {
            var a = ns.getMetadata().getAnnotations();
            if (a != null && cluster.equals(a.get("kecs.io/cluster-name"))) {
              found[0] = ns.getMetadata().getName();
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  private static void failPodCreation(String namespace, int code, int times) {
    k8s.server()
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + namespace + "/pods")
        .andReturn(code, "{\"kind\":\"Status\",\"code\":" + code + "}")
        .times(times);
  }

  @Test
  void podCreationRetriesTransientErrors() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "flaky");
    tasks.register("web", "app");
    String ns = namespaceOf(tasks, "flaky");
    failPodCreation(ns, 503, 1);
    failPodCreation(ns, 429, 1);
    Task task = tasks.run("web");
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    kubelet.run(pod, "10.42.1.1", true);
    Task running = tasks.await(task, t -> "RUNNING".equals(t.lastStatus()));
    assertThat(running.stoppedReason()).isNull();
  }

  @Test
  void persistentServerErrorsFailTheTask() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "broken");
    tasks.register("web", "app");
    String ns = namespaceOf(tasks, "broken");
    failPodCreation(ns, 500, 50);
    Task task = tasks.run("web");
    Task stopped = tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
    k8s.server().clearExpectations();
  }

  @Test
  void theInformerRelistsAfterTheServerRestarts() throws Exception {
    EcsTasks tasks = new EcsTasks(ecs, "restarts");
    tasks.register("web", "app");
    Task task = tasks.run("web");
    Pod pod = kubelet.awaitPod(EcsTasks.id(task));
    kubelet.pulling(pod);
    tasks.await(task, t -> "PENDING".equals(t.lastStatus()));

    k8s.restart();
    // Changed right away, before the informer's watch is back: only a relist can see it.
    kubelet.run(pod, "10.42.1.2", true);
    Task running = tasks.await(task, t -> "RUNNING".equals(t.lastStatus()));
    assertThat(running.containers().get(0).networkInterfaces().get(0).privateIpv4Address())
        .isEqualTo("10.42.1.2");

    // And the watch is back: later changes arrive as they happen.
    kubelet.exit(pod, "app", 3, "Error");
    Task stopped = tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
    assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
  }
}
