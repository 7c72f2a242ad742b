package io.kecs.ecs.daemon;

import io.kecs.clock.Scheduler;
import io.kecs.identity.Arn;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.CreateDaemonRequest;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The circuit breaker of daemon deployments: a task of the deployment's target revision that stops
 * because it could not start or an essential container exited counts as a failure; at the threshold
 * the deployment rolls back to the revision of the daemon's newest successful deployment, or stops
 * when there is none ({@link DaemonDeployments#trip}).
 */
final class DaemonCircuitBreaker {
  private final DaemonStore store;
  private final Scheduler clock;

  DaemonCircuitBreaker(DaemonStore store, Scheduler clock) {
    this.store = store;
    this.clock = clock;
  }

  /** A task that stopped without anyone asking: it could not start or an essential one exited. */
  private static boolean isFailure(Task stopped) {
    String code = stopped.stopCodeAsString();
    return "TaskFailedToStart".equals(code) || "EssentialContainerExited".equals(code);
  }

  /** Counts a task of a daemon that just stopped, if it failed, against its deployment. */
  void taskStopped(String daemonArn, Task failed) {
    if (!isFailure(failed)) {
      return;
    }
    Optional<DaemonDetail> detail = store.detail(daemonArn);
    if (detail.isEmpty() || !"ACTIVE".equals(detail.get().statusAsString())) {
      return;
    }
    Arn daemon = Arn.parse(daemonArn).orElseThrow();
    String deploymentArn = detail.get().deploymentArn();
    store.updateDeployment(
        deploymentArn,
        d -> {
          String target = DaemonDeployments.targetOf(d);
          if (!DaemonDeployments.isLive(d)
              || target == null
              || !target.equals(DaemonCounts.revisionOf(daemon, failed))) {
            return d;
          }
          DaemonDeployment counted = DaemonDeployments.failed(d);
          if (!DaemonDeployments.tripped(counted)) {
            return counted;
          }
          List<String> providers =
              store
                  .spec(daemonArn)
                  .map(CreateDaemonRequest::capacityProviderArns)
                  .orElse(List.of());
          return DaemonDeployments.trip(
              counted, lastSuccessfulRevision(daemon, deploymentArn), providers, clock.now());
        });
  }

  /** The revision of the daemon's newest successful deployment other than {@code except}. */
  private String lastSuccessfulRevision(Arn daemon, String except) {
    return store.deploymentsOf(daemon).values().stream()
        .filter(d -> !d.daemonDeploymentArn().equals(except))
        .filter(
            d ->
                DaemonDeployments.SUCCESSFUL.equals(d.statusAsString())
                    || DaemonDeployments.ROLLBACK_SUCCESSFUL.equals(d.statusAsString()))
        .filter(d -> DaemonDeployments.targetOf(d) != null)
        .max(Comparator.comparing(DaemonDeployment::createdAt))
        .map(DaemonDeployments::targetOf)
        .orElse(null);
  }
}
