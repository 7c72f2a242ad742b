package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.Loggable;
import io.fabric8.kubernetes.client.dsl.TimeTailPrettyLoggable;
import io.kecs.runtime.ContainerOutput;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * Containers' output read through the Kubernetes API (the kubelet's log endpoint): followed with
 * {@code timestamps=true}, so each line carries the RFC 3339 time the runtime recorded, and resumed
 * with {@code sinceTime} (whole seconds: the caller skips the lines it has) after the log stream
 * ends while the container still runs or restarted, or after a KECS restart.
 */
final class PodOutput implements ContainerOutput {
  /** The pause before following again after a log stream ended early. */
  static final Duration RETRY = Duration.ofSeconds(1);

  private final KubernetesClient client;

  PodOutput(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public void follow(String taskArn, String container, Instant since, Consumer<Line> sink)
      throws InterruptedException {
    String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
    Instant from = since;
    while (true) {
      Pod pod = podOf(taskId);
      if (pod == null) {
        return;
      }
      boolean ended = terminated(pod, container);
      try {
        from = read(pod, container, from, sink);
      } catch (KubernetesClientException | IOException e) {
        // the container is not started yet, or the API server dropped the stream: try again
        ended = false;
      }
      if (ended) {
        return; // it had stopped before this read began: the read got its whole log
      }
      Thread.sleep(RETRY);
    }
  }

  private Instant read(Pod pod, String container, Instant from, Consumer<Line> sink)
      throws IOException, InterruptedException {
    TimeTailPrettyLoggable logs =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .inContainer(container)
            // The container was seen running: no waiting for the pod to turn ready.
            .withReadyWaitTimeout(0)
            .usingTimestamps();
    Loggable loggable =
        from == null ? logs : logs.sinceTime(from.truncatedTo(ChronoUnit.SECONDS).toString());
    Instant last = from;
    try (LogWatch watch = loggable.watchLog();
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
      String raw;
      while ((raw = reader.readLine()) != null) {
        Line line = parse(raw);
        if (line != null) {
          last = line.time();
          sink.accept(line);
        }
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
    }
    return last;
  }

  /** {@code <RFC 3339 time> <text>}, as the kubelet writes lines with timestamps; else null. */
  static Line parse(String raw) {
    int space = raw.indexOf(' ');
    String stamp = space < 0 ? raw : raw.substring(0, space);
    try {
      Instant time = OffsetDateTime.parse(stamp).toInstant();
      return new Line(time, space < 0 ? "" : raw.substring(space + 1));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private Pod podOf(String taskId) {
    List<Pod> pods =
        client.pods().inAnyNamespace().withLabel(PodLabels.TASK_ID, taskId).list().getItems();
    return pods.isEmpty() ? null : pods.get(0);
  }

  /** The container stopped for good: terminated and not about to restart. */
  private static boolean terminated(Pod pod, String container) {
    if (pod.getStatus() == null) {
      return false;
    }
    String phase = pod.getStatus().getPhase();
    if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
      return true;
    }
    List<ContainerStatus> all = new java.util.ArrayList<>();
    if (pod.getStatus().getContainerStatuses() != null) {
      all.addAll(pod.getStatus().getContainerStatuses());
    }
    if (pod.getStatus().getInitContainerStatuses() != null) {
      all.addAll(pod.getStatus().getInitContainerStatuses());
    }
    String restart = pod.getSpec() == null ? null : pod.getSpec().getRestartPolicy();
    return all.stream()
        .filter(s -> container.equals(s.getName()))
        .anyMatch(
            s ->
                s.getState() != null
                    && s.getState().getTerminated() != null
                    && (restart == null || "Never".equals(restart)));
  }
}
