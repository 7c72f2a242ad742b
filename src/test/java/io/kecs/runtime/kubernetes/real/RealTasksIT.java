package io.kecs.runtime.kubernetes.real;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.kecs.runtime.kubernetes.EcsTasks;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Clusters and standalone tasks on the real control plane: the namespace of a cluster, a RunTask
 * pod placed by the real scheduler and run by kwok's kubelet, StopTask, and DeleteCluster taking
 * the namespace with it (the real namespace controller).
 */
class RealTasksIT {
  @RegisterExtension static RealKecs kecs = new RealKecs();

  @Test
  void runTaskIsScheduledRunsAndStops() throws Exception {
    EcsTasks tasks = kecs.tasks("real-tasks");
    String ns = kecs.awaitNamespaceOf("real-tasks");
    tasks.register("solo", "app", "sidecar");

    Task task = tasks.run("solo");
    Task running = kecs.awaitStatus(task, "RUNNING");
    String id = EcsTasks.id(task);
    List<Pod> pods = kecs.pods(ns, "kecs.io/task-id", id);
    assertThat(pods).hasSize(1);
    Pod pod = pods.get(0);
    // The real scheduler bound it to a simulated node; kwok's kubelet gave it an IP.
    assertThat(pod.getSpec().getNodeName()).startsWith("kwok-node-");
    assertThat(pod.getStatus().getPodIP()).startsWith("10.0.");
    assertThat(running.containers())
        .allSatisfy(c -> assertThat(c.lastStatus()).isEqualTo("RUNNING"));
    assertThat(running.startedAt()).isNotNull();

    kecs.ecs().stopTask(r -> r.cluster("real-tasks").task(task.taskArn()).reason("done"));
    Task stopped = kecs.awaitStatus(task, "STOPPED");
    assertThat(stopped.stopCodeAsString()).isEqualTo("UserInitiated");
    assertThat(stopped.stoppedReason()).isEqualTo("done");
    RealKecs.awaitTrue(
        () -> kecs.pods(ns, "kecs.io/task-id", id).isEmpty(), () -> "the pod of " + id + " stays");
  }

  @Test
  void statusSaysTheApiServerAnswers() {
    var connection = kecs.server().runtimeConnection();
    assertThat(connection.reachable()).as(connection.detail()).isTrue();
    assertThat(connection.detail()).startsWith("Kubernetes v1.");
    assertThat(connection.endpoint()).startsWith("https://127.0.0.1:");
  }

  @Test
  void deleteClusterDeletesItsNamespace() throws Exception {
    kecs.tasks("real-doomed");
    String ns = kecs.awaitNamespaceOf("real-doomed");
    kecs.ecs().deleteCluster(r -> r.cluster("real-doomed"));
    // The namespace controller empties it and removes it.
    RealKecs.awaitTrue(
        () -> kecs.client().namespaces().withName(ns).get() == null,
        () ->
            "namespace "
                + ns
                + " is still "
                + phase(kecs.client().namespaces().withName(ns).get()));
  }

  private static String phase(Namespace ns) {
    return ns == null ? "gone" : ns.getStatus().getPhase();
  }
}
