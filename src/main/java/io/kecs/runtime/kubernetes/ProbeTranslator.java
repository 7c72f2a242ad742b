package io.kecs.runtime.kubernetes;

import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.HealthCheck;

/**
 * ECS health checks as probes. A readiness probe reports health (ECS only reports it; a failing
 * check never restarts a container, so no liveness probe). A startup probe is added where a
 * dependent waits for the container to be HEALTHY: Kubernetes starts the next container once it
 * passes, so the start period plus {@code retries} intervals bound the wait. ECS defaults: interval
 * 30 s, timeout 5 s, retries 3, no start period.
 */
final class ProbeTranslator {
  static final int DEFAULT_INTERVAL = 30;
  static final int DEFAULT_TIMEOUT = 5;
  static final int DEFAULT_RETRIES = 3;

  private ProbeTranslator() {}

  /** The probe for a health check; used as readiness probe and, where gating, startup probe. */
  static Probe of(HealthCheck check) {
    ProbeBuilder b =
        new ProbeBuilder()
            .withNewExec()
            .withCommand(command(check.command()))
            .endExec()
            .withPeriodSeconds(orDefault(check.interval(), DEFAULT_INTERVAL))
            .withTimeoutSeconds(orDefault(check.timeout(), DEFAULT_TIMEOUT))
            .withFailureThreshold(orDefault(check.retries(), DEFAULT_RETRIES))
            .withSuccessThreshold(1);
    if (check.startPeriod() != null && check.startPeriod() > 0) {
      b.withInitialDelaySeconds(check.startPeriod());
    }
    return b.build();
  }

  /** CMD runs the arguments directly; CMD-SHELL runs the one string through /bin/sh -c. */
  static List<String> command(List<String> ecs) {
    if (ecs.isEmpty()) {
      throw new IllegalArgumentException("healthCheck command is empty");
    }
    String kind = ecs.get(0);
    List<String> rest = ecs.subList(1, ecs.size());
    return switch (kind) {
      case "CMD" -> List.copyOf(rest);
      case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", rest));
      // Docker treats a command without CMD / CMD-SHELL as a shell command.
      default -> List.of("/bin/sh", "-c", String.join(" ", ecs));
    };
  }

  private static int orDefault(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }
}
