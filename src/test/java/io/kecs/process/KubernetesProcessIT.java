package io.kecs.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.kecs.runtime.kubernetes.Await;
import io.kecs.runtime.kubernetes.EcsTasks;
import io.kecs.runtime.kubernetes.FakeKubelet;
import io.kecs.runtime.kubernetes.FakeNodes;
import io.kecs.runtime.kubernetes.KubernetesMock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/** The packaged jar run with {@code --runtime kubernetes} against the mock API server. */
class KubernetesProcessIT {
  @TempDir Path dir;

  @Test
  void runsATaskAsAPodThroughTheRealProcess() throws Exception {
    try (KubernetesMock k8s = new KubernetesMock();
        KecsProcess kecs =
            KecsProcess.start(
                "--ephemeral",
                "--runtime=kubernetes",
                "--kubeconfig=" + k8s.kubeconfig(),
                "--node-cluster=k8s-nodes",
                "--secrets-endpoint=http://127.0.0.1:1");
        EcsClient ecs = EcsTasks.client(kecs.endpoint())) {
      FakeKubelet kubelet = k8s.kubelet();
      EcsTasks tasks = new EcsTasks(ecs, "e2e");
      tasks.register("web", "app");
      Task task = tasks.run("web");
      Pod pod = kubelet.awaitPod(EcsTasks.id(task));
      assertThat(pod.getMetadata().getNamespace()).isEqualTo("e2e-us-east-1");

      kubelet.run(pod, "10.42.9.9", true);
      Task running = tasks.await(task, t -> "RUNNING".equals(t.lastStatus()));
      assertThat(running.containers().get(0).networkInterfaces().get(0).privateIpv4Address())
          .isEqualTo("10.42.9.9");

      ecs.stopTask(r -> r.cluster("e2e").task(task.taskArn()));
      tasks.await(task, t -> "STOPPED".equals(t.lastStatus()));
      assertThat(kubelet.exists(pod)).isFalse();

      new FakeNodes(k8s.client()).add("node-1", true, java.util.Map.of());
      Await.until(
          () ->
              !ecs.describeClusters(r -> r.clusters("k8s-nodes")).clusters().isEmpty()
                  && ecs.listContainerInstances(r -> r.cluster("k8s-nodes"))
                          .containerInstanceArns()
                          .size()
                      == 1);
      assertThat(kecs.stop(Duration.ofSeconds(20))).isNotEqualTo(-1);
    }
  }

  @Test
  void exitsWithAnErrorWhenTheClusterCannotBeReached() throws Exception {
    Path kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, KubernetesMock.kubeconfig("http://127.0.0.1:1"));
    String jar = System.getProperty("kecs.jar", "target/kecs.jar");
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    jar,
                    "server",
                    "--ephemeral",
                    "--port=0",
                    "--admin-port=-1",
                    "--runtime=kubernetes",
                    "--kubeconfig=" + kubeconfig))
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).isEqualTo(3);
    assertThat(out)
        .contains("KECS cannot start: Cannot reach the Kubernetes API server at http://127.0.0.1:1")
        .doesNotContain("KECS ready");
  }
}
