package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kecs.runtime.RuntimeUnavailableException;
import io.kecs.server.KecsServer;
import io.kecs.server.RuntimeChoice;
import io.kecs.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Task;

/** KECS restarting over a durable store and a cluster that kept running, and failing to start. */
class KubernetesRestartIT {
  @TempDir Path dataDir;

  @Test
  void adoptsLivePodsStopsVanishedTasksAndDeletesOrphans() throws Exception {
    try (KubernetesKecs kecs = new KubernetesKecs().durable().start()) {
      FakeKubelet kubelet = kecs.kubelet();
      EcsTasks tasks = kecs.tasks("durable");
      tasks.register("svc", "app");
      Task kept = tasks.run("svc");
      Task vanished = tasks.run("svc");
      Pod keptPod = kecs.awaitRunning(kept, "10.42.1.1");
      Pod vanishedPod = kecs.awaitRunning(vanished, "10.42.1.2");
      kecs.stopKecs();

      // While KECS is down: one pod goes, and a pod of a task KECS no longer knows appears.
      kubelet.delete(vanishedPod);
      Pod orphan =
          kecs.client()
              .pods()
              .inNamespace(keptPod.getMetadata().getNamespace())
              .resource(
                  new PodBuilder(keptPod)
                      .editMetadata()
                      .withName("orphan")
                      .withResourceVersion(null)
                      .addToAnnotations(
                          "kecs.io/task-arn",
                          "arn:aws:ecs:us-east-1:000000000000:task/durable/forgotten")
                      .endMetadata()
                      .withStatus(null)
                      .build())
              .create();

      kecs.startKecs();
      Task lost = kecs.awaitStatus(vanished, "STOPPED");
      assertThat(lost.stopCodeAsString()).isEqualTo("TerminationNotice");
      assertThat(lost.stoppedReason()).isEqualTo(KubernetesRuntime.LOST_AFTER_RESTART);
      assertThat(kecs.tasks("durable").describe(kept).lastStatus()).isEqualTo("RUNNING");
      kecs.awaitTrue(() -> !kubelet.exists(orphan));
      assertThat(kubelet.exists(keptPod)).isTrue();

      // The adopted pod is watched again.
      kubelet.exit(keptPod, "app", 3, "Error");
      Task stopped = kecs.awaitStatus(kept, "STOPPED");
      assertThat(stopped.containers().get(0).exitCode()).isEqualTo(3);
    }
  }

  @Test
  void anUnreachableClusterStopsTheStart() {
    Path kubeconfig = kubeconfig("http://127.0.0.1:1");
    ServerConfig config =
        ServerConfig.forTests().withRuntime(RuntimeChoice.kubernetes(kubeconfig, null));
    assertThatThrownBy(() -> KecsServer.start(config))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessageStartingWith("Cannot reach the Kubernetes API server at http://127.0.0.1:1")
        .hasMessageContaining("kubeconfig " + kubeconfig)
        .hasMessageContaining("context mock");
  }

  @Test
  void anUnknownContextOrMissingKubeconfigStopsTheStart() {
    Path kubeconfig = kubeconfig("http://127.0.0.1:1");
    assertThatThrownBy(
            () ->
                KecsServer.start(
                    ServerConfig.forTests()
                        .withRuntime(RuntimeChoice.kubernetes(kubeconfig, "staging"))))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessage("Kubernetes context 'staging' is not in " + kubeconfig);
    Path missing = dataDir.resolve("nope.yaml");
    assertThatThrownBy(
            () ->
                KecsServer.start(
                    ServerConfig.forTests().withRuntime(RuntimeChoice.kubernetes(missing, null))))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessage("Kubeconfig " + missing + " is not a file");
  }

  private Path kubeconfig(String url) {
    try {
      Path file = dataDir.resolve("kubeconfig.yaml");
      Files.writeString(file, KubernetesMock.kubeconfig(url));
      return file;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
