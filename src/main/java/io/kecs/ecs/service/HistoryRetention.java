package io.kecs.ecs.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionSummary;

/**
 * Which service deployments and revisions of one service stay describable. ECS shows "the most
 * recent 90-day history" of service deployments and keeps a service revision while something refers
 * to it (revisions go with their service). KECS keeps the same window and, so that memory stays
 * flat under a fast update loop, at most {@link #MAX_PER_SERVICE} finished deployments. Never
 * dropped: deployments still running (pending, in progress, stop or rollback under way) and the
 * newest successful one, which a circuit-breaker rollback returns to; a revision stays while a kept
 * deployment names it as its target or a source.
 */
final class HistoryRetention {
  static final Duration WINDOW = Duration.ofDays(90);
  static final int MAX_PER_SERVICE = 100;

  private static final Set<String> FINISHED =
      Set.of("SUCCESSFUL", "STOPPED", "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED");

  private HistoryRetention() {}

  /** What to keep of one service's history. */
  record Kept(Set<String> deploymentArns, Set<String> revisionArns) {}

  /**
   * @param newestFirst the service's deployments, newest first
   */
  static Kept of(List<ServiceDeployment> newestFirst, Instant now) {
    Instant oldest = now.minus(WINDOW);
    Set<String> deployments = new HashSet<>();
    Set<String> revisions = new HashSet<>();
    boolean successfulKept = false;
    for (int i = 0; i < newestFirst.size(); i++) {
      ServiceDeployment sd = newestFirst.get(i);
      String status = sd.statusAsString();
      boolean running = !FINISHED.contains(status);
      boolean rollbackTarget = !successfulKept && "SUCCESSFUL".equals(status);
      boolean recent = i < MAX_PER_SERVICE && !sd.createdAt().isBefore(oldest);
      if (running || rollbackTarget || recent) {
        deployments.add(sd.serviceDeploymentArn());
        if (sd.targetServiceRevision() != null) {
          revisions.add(sd.targetServiceRevision().arn());
        }
        for (ServiceRevisionSummary source : sd.sourceServiceRevisions()) {
          revisions.add(source.arn());
        }
      }
      successfulKept |= rollbackTarget;
    }
    return new Kept(deployments, revisions);
  }
}
