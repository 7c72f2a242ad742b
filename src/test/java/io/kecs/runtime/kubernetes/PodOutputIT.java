package io.kecs.runtime.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kecs.runtime.ContainerOutput.Line;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading containers' output through the API server's log endpoint (fabric8's mock answering the
 * kubelet's part): lines with their RFC 3339 times, {@code sinceTime} when resuming, following
 * again after a container restart, and stopping once the container terminated.
 */
class PodOutputIT {
  private static final String ARN = "arn:aws:ecs:us-east-1:123456789012:task/c/abc123";
  private KubernetesMock k8s;

  @BeforeEach
  void start() throws Exception {
    k8s = new KubernetesMock();
  }

  @AfterEach
  void stop() throws Exception {
    k8s.close();
  }

  private void pod(String state, String restartPolicy) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("web-abc123")
            .withNamespace("c-us-east-1")
            .addToLabels(PodLabels.TASK_ID, "abc123")
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy(restartPolicy)
            .addNewContainer()
            .withName("app")
            .withImage("busybox")
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Running")
            .addNewContainerStatus()
            .withName("app")
            .withNewState()
            .withNewRunning()
            .endRunning()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    if ("terminated".equals(state)) {
      pod.getStatus().getContainerStatuses().get(0).getState().setRunning(null);
      pod.getStatus()
          .getContainerStatuses()
          .get(0)
          .getState()
          .setTerminated(
              new io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder()
                  .withExitCode(0)
                  .build());
    }
    k8s.client().pods().inNamespace("c-us-east-1").resource(pod).createOr(p -> p.update());
  }

  private void answerLog(String query, String body) {
    k8s.server()
        .expect()
        .get()
        .withPath("/api/v1/namespaces/c-us-east-1/pods/web-abc123/log?" + query)
        .andReturn(200, body)
        .once();
  }

  @Test
  void linesOfAStoppedContainerWithTheirTimes() throws Exception {
    pod("terminated", "Never");
    answerLog(
        "pretty=false&container=app&timestamps=true&follow=true",
        "2026-12-04T10:00:00.123456789Z first line\n2026-12-04T10:00:01Z second\n");
    List<Line> got = new CopyOnWriteArrayList<>();
    new PodOutput(k8s.client()).follow(ARN, "app", null, got::add);
    assertThat(got)
        .containsExactly(
            new Line(Instant.parse("2026-12-04T10:00:00.123456789Z"), "first line"),
            new Line(Instant.parse("2026-12-04T10:00:01Z"), "second"));
  }

  @Test
  void resumesFromTheWholeSecondOfTheLastLine() throws Exception {
    pod("terminated", "Never");
    answerLog(
        "pretty=false&container=app&sinceTime=2026-12-04T10:00:05Z&timestamps=true&follow=true",
        "2026-12-04T10:00:05.5Z again\n2026-12-04T10:00:06Z new\n");
    List<Line> got = new CopyOnWriteArrayList<>();
    new PodOutput(k8s.client())
        .follow(ARN, "app", Instant.parse("2026-12-04T10:00:05.5Z"), got::add);
    assertThat(got).extracting(Line::text).containsExactly("again", "new");
  }

  @Test
  void followsAgainWhileTheContainerRunsThenStopsWhenItTerminated() throws Exception {
    pod("running", "Always");
    answerLog(
        "pretty=false&container=app&timestamps=true&follow=true",
        "2026-12-04T10:00:00Z before the restart\n");
    answerLog(
        "pretty=false&container=app&sinceTime=2026-12-04T10:00:00Z&timestamps=true&follow=true",
        "2026-12-04T10:00:00Z before the restart\n2026-12-04T10:00:03Z after\n");
    List<Line> got = new CopyOnWriteArrayList<>();
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    new PodOutput(k8s.client()).follow(ARN, "app", null, got::add);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    Instant deadline = Instant.now().plusSeconds(10);
    while (got.size() < 3 && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    // The last read, of a terminated container, gets its whole log from the second of the last
    // line.
    answerLog(
        "pretty=false&container=app&sinceTime=2026-12-04T10:00:03Z&timestamps=true&follow=true",
        "2026-12-04T10:00:03Z after\n2026-12-04T10:00:04Z last words\n");
    pod("terminated", "Never");
    reader.join(java.time.Duration.ofSeconds(10));
    assertThat(reader.isAlive()).isFalse();
    // The caller skips the repeated line by its time (ContainerLog); the source passes it on.
    assertThat(got)
        .extracting(Line::text)
        .containsExactly(
            "before the restart", "before the restart", "after", "after", "last words");
  }

  @Test
  void aLineWithoutATimeIsSkipped() {
    assertThat(PodOutput.parse("not a time")).isNull();
    assertThat(PodOutput.parse("2026-12-04T10:00:00+02:00 offset"))
        .isEqualTo(new Line(Instant.parse("2026-12-04T08:00:00Z"), "offset"));
  }
}
