package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kecs.runtime.RuntimeFailure;
import io.kecs.runtime.TaskObservation.ContainerObservation;
import io.kecs.runtime.TaskObservation.ContainerObservation.Health;
import io.kecs.runtime.TaskObservation.ContainerObservation.State;
import io.kecs.runtime.TaskPhase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodStatusMapperTest {
  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  /** A pod with container "app" (readiness-probed, period 10 x 3) and init sidecar "proxy". */
  private static PodBuilder pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-1")
        .withNamespace("ns")
        .addToAnnotations(PodLabels.CONTAINER_NAMES, "{\"my-app-1234\":\"My_App\"}")
        .endMetadata()
        .withNewSpec()
        .addNewInitContainer()
        .withName("proxy")
        .withRestartPolicy("Always")
        .endInitContainer()
        .addNewContainer()
        .withName("my-app-1234")
        .withNewReadinessProbe()
        .withPeriodSeconds(10)
        .withFailureThreshold(3)
        .withTimeoutSeconds(5)
        .endReadinessProbe()
        .endContainer()
        .endSpec();
  }

  private static ContainerStatusBuilder status(String name) {
    return new ContainerStatusBuilder().withName(name).withRestartCount(0);
  }

  private static ContainerStatus running(String name, String since, boolean ready) {
    return status(name).withReady(ready).withNewState().withNewRunning(since).endState().build();
  }

  private static ContainerStatus waiting(String name, String reason, String message) {
    return status(name).withNewState().withNewWaiting(message, reason).endState().build();
  }

  private static ContainerObservation app(PodStatusMapper.Picture p) {
    return p.containers().stream().filter(c -> c.name().equals("My_App")).findFirst().orElseThrow();
  }

  @Test
  void anUnscheduledPodHasNothingToReport() {
    assertThat(
            PodStatusMapper.live(
                pod().withNewStatus().withPhase("Pending").endStatus().build(), NOW))
        .isNull();
  }

  @Test
  void phasesFollowSchedulingPullingAndRunning() {
    Pod scheduled =
        pod()
            .withNewStatus()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("True")
            .endCondition()
            .endStatus()
            .build();
    assertThat(PodStatusMapper.live(scheduled, NOW).phase()).isEqualTo(TaskPhase.PROVISIONED);

    Pod pulling =
        pod()
            .withNewStatus()
            .withPhase("Pending")
            .withContainerStatuses(waiting("my-app-1234", "ContainerCreating", null))
            .endStatus()
            .build();
    assertThat(PodStatusMapper.live(pulling, NOW).phase()).isEqualTo(TaskPhase.PULLING);

    Pod sidecarUp =
        pod()
            .withNewStatus()
            .withPhase("Pending")
            .withInitContainerStatuses(running("proxy", "2025-01-01T11:59:00Z", true))
            .withContainerStatuses(waiting("my-app-1234", "PodInitializing", null))
            .endStatus()
            .build();
    assertThat(PodStatusMapper.live(sidecarUp, NOW).phase()).isEqualTo(TaskPhase.PULLED);

    Pod running =
        pod()
            .withNewStatus()
            .withPhase("Running")
            .withPodIP("10.1.2.3")
            .withInitContainerStatuses(running("proxy", "2025-01-01T11:59:00Z", true))
            .withContainerStatuses(running("my-app-1234", "2025-01-01T11:59:50Z", false))
            .endStatus()
            .build();
    PodStatusMapper.Picture p = PodStatusMapper.live(running, NOW);
    assertThat(p.phase()).isEqualTo(TaskPhase.RUNNING);
    assertThat(p.privateIp()).isEqualTo("10.1.2.3");
    assertThat(app(p).state()).isEqualTo(State.RUNNING);
    assertThat(app(p).health()).isEqualTo(Health.UNKNOWN);
  }

  @Test
  void healthIsReadinessOnceTheCheckHadItsRetries() {
    Pod ready =
        pod()
            .withNewStatus()
            .withPhase("Running")
            .withContainerStatuses(running("my-app-1234", "2025-01-01T11:59:59Z", true))
            .endStatus()
            .build();
    assertThat(app(PodStatusMapper.live(ready, NOW)).health()).isEqualTo(Health.HEALTHY);
    Pod neverReady =
        pod()
            .withNewStatus()
            .withPhase("Running")
            .withContainerStatuses(running("my-app-1234", "2025-01-01T11:58:00Z", false))
            .endStatus()
            .build();
    assertThat(app(PodStatusMapper.live(neverReady, NOW)).health()).isEqualTo(Health.UNHEALTHY);
    PodStatusMapper.Picture noProbe =
        PodStatusMapper.live(
            pod()
                .withNewStatus()
                .withPhase("Running")
                .withInitContainerStatuses(running("proxy", "2025-01-01T11:00:00Z", false))
                .endStatus()
                .build(),
            NOW);
    assertThat(noProbe.containers().get(0).health()).isEqualTo(Health.UNKNOWN);
  }

  @Test
  void imagePullFailuresEndTheTask() {
    Pod pod =
        pod()
            .withNewStatus()
            .withPhase("Pending")
            .withContainerStatuses(
                waiting("my-app-1234", "ImagePullBackOff", "Back-off pulling image"))
            .endStatus()
            .build();
    PodStatusMapper.Picture p = PodStatusMapper.live(pod, NOW);
    assertThat(p.phase()).isEqualTo(TaskPhase.EXITED);
    assertThat(p.failure())
        .isEqualTo(new RuntimeFailure(RuntimeFailure.Kind.IMAGE_PULL, "Back-off pulling image"));
    assertThat(app(p).state()).isEqualTo(State.STOPPED);
    assertThat(app(p).failure().kind()).isEqualTo(RuntimeFailure.Kind.IMAGE_PULL);
  }

  @Test
  void configErrorsAreStartFailures() {
    Pod pod =
        pod()
            .withNewStatus()
            .withPhase("Pending")
            .withContainerStatuses(
                waiting("my-app-1234", "CreateContainerConfigError", "secret \"db\" not found"))
            .endStatus()
            .build();
    PodStatusMapper.Picture p = PodStatusMapper.live(pod, NOW);
    assertThat(p.phase()).isEqualTo(TaskPhase.EXITED);
    assertThat(p.failure().kind()).isEqualTo(RuntimeFailure.Kind.START);
  }

  @Test
  void oomKillsAndExitCodesAreKept() {
    Pod pod =
        pod()
            .withNewStatus()
            .withPhase("Running")
            .withInitContainerStatuses(running("proxy", "2025-01-01T11:00:00Z", true))
            .withContainerStatuses(
                status("my-app-1234")
                    .withNewState()
                    .withNewTerminated()
                    .withExitCode(137)
                    .withReason("OOMKilled")
                    .endTerminated()
                    .endState()
                    .build())
            .endStatus()
            .build();
    PodStatusMapper.Picture p = PodStatusMapper.live(pod, NOW);
    assertThat(p.phase()).isEqualTo(TaskPhase.RUNNING);
    assertThat(app(p).exitCode()).isEqualTo(137);
    assertThat(app(p).failure().kind()).isEqualTo(RuntimeFailure.Kind.OUT_OF_MEMORY);
    assertThat(p.failure()).isNull();
  }

  @Test
  void aRestartedSidecarCountsAsStopped() {
    Pod pod =
        pod()
            .withNewStatus()
            .withPhase("Running")
            .withInitContainerStatuses(
                status("proxy")
                    .withRestartCount(1)
                    .withNewState()
                    .withNewRunning("2025-01-01T11:59:00Z")
                    .endState()
                    .withNewLastState()
                    .withNewTerminated()
                    .withExitCode(1)
                    .endTerminated()
                    .endLastState()
                    .build())
            .endStatus()
            .build();
    ContainerObservation proxy = PodStatusMapper.live(pod, NOW).containers().get(0);
    assertThat(proxy.state()).isEqualTo(State.STOPPED);
    assertThat(proxy.exitCode()).isEqualTo(1);
  }

  @Test
  void succeededOrFailedPodsHaveExited() {
    for (String phase : List.of("Succeeded", "Failed")) {
      Pod pod = pod().withNewStatus().withPhase(phase).endStatus().build();
      assertThat(PodStatusMapper.live(pod, NOW).phase()).isEqualTo(TaskPhase.EXITED);
    }
  }

  @Test
  void evictionIsReportedWithKubernetesMessage() {
    Pod pod =
        pod()
            .withNewStatus()
            .withPhase("Failed")
            .withReason("Evicted")
            .withMessage("The node was low on resource: memory.")
            .endStatus()
            .build();
    PodStatusMapper.Picture p = PodStatusMapper.live(pod, NOW);
    assertThat(p.failure())
        .isEqualTo(
            new RuntimeFailure(
                RuntimeFailure.Kind.EVICTED,
                "Task was evicted by Kubernetes: The node was low on resource: memory."));
  }

  @Test
  void aGonePodIsReleasedLostOrEvicted() {
    Pod running =
        pod()
            .withNewStatus()
            .withPhase("Running")
            .withContainerStatuses(running("my-app-1234", "2025-01-01T11:59:00Z", true))
            .endStatus()
            .build();
    PodStatusMapper.Picture byKecs = PodStatusMapper.released(running, true, NOW);
    assertThat(byKecs.phase()).isEqualTo(TaskPhase.RELEASED);
    assertThat(byKecs.failure()).isNull();
    assertThat(app(byKecs).state()).isEqualTo(State.STOPPED);
    assertThat(PodStatusMapper.released(running, false, NOW).failure())
        .isEqualTo(
            new RuntimeFailure(RuntimeFailure.Kind.LOST, "Pod ns/web-1 was deleted outside KECS"));
    Pod drained =
        new PodBuilder(running)
            .editStatus()
            .addNewCondition()
            .withType("DisruptionTarget")
            .withStatus("True")
            .withReason("EvictionByEvictionAPI")
            .withMessage("Eviction API: evicting")
            .endCondition()
            .endStatus()
            .build();
    assertThat(PodStatusMapper.released(drained, false, NOW).failure().kind())
        .isEqualTo(RuntimeFailure.Kind.EVICTED);
  }
}
