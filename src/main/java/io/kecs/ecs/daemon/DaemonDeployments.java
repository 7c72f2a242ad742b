package io.kecs.ecs.daemon;

import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.DaemonCircuitBreaker;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentAlarms;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentConfiguration;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentRevisionDetail;
import software.amazon.awssdk.services.ecs.model.DaemonRollback;

/**
 * The daemon deployment lifecycle as pure steps on the record: PENDING when created, IN_PROGRESS
 * once the scheduler acts on it, then SUCCESSFUL (or ROLLBACK_SUCCESSFUL); STOPPED when a newer
 * deployment replaces it or its circuit breaker trips with nothing to roll back to;
 * ROLLBACK_IN_PROGRESS while it returns to the last successful revision, ROLLBACK_FAILED when that
 * fails too.
 */
final class DaemonDeployments {
  static final String PENDING = "PENDING";
  static final String IN_PROGRESS = "IN_PROGRESS";
  static final String SUCCESSFUL = "SUCCESSFUL";
  static final String STOPPED = "STOPPED";
  static final String ROLLBACK_IN_PROGRESS = "ROLLBACK_IN_PROGRESS";
  static final String ROLLBACK_SUCCESSFUL = "ROLLBACK_SUCCESSFUL";
  static final String ROLLBACK_FAILED = "ROLLBACK_FAILED";

  /** The circuit breaker's bounds, as ECS's deployment circuit breaker has them. */
  static final int MIN_THRESHOLD = 3;

  static final int MAX_THRESHOLD = 200;

  private static final String BREAKER_REASON =
      "ECS deployment circuit breaker: daemon tasks failed to start.";

  private DaemonDeployments() {}

  /** Failed daemon tasks that fail a deployment of a daemon on {@code instances} instances. */
  static int threshold(int instances) {
    int half = (int) Math.ceil(instances * 0.5);
    return Math.max(MIN_THRESHOLD, Math.min(MAX_THRESHOLD, half));
  }

  /**
   * A new deployment. {@code target} is null for the deployment DeleteDaemon starts, which only
   * drains.
   */
  static DaemonDeployment created(
      String deploymentArn,
      String clusterArn,
      DaemonDeploymentRevisionDetail target,
      List<DaemonDeploymentRevisionDetail> sources,
      DaemonDeploymentConfiguration configuration,
      int instances,
      Instant now) {
    boolean alarms =
        configuration.alarms() != null && Boolean.TRUE.equals(configuration.alarms().enable());
    return DaemonDeployment.builder()
        .daemonDeploymentArn(deploymentArn)
        .clusterArn(clusterArn)
        .status(PENDING)
        .targetDaemonRevision(target)
        .sourceDaemonRevisions(sources)
        .circuitBreaker(
            DaemonCircuitBreaker.builder()
                .status("MONITORING")
                .failureCount(0)
                .threshold(threshold(instances))
                .build())
        .alarms(
            DaemonDeploymentAlarms.builder()
                .status(alarms ? "MONITORING" : "DISABLED")
                .alarmNames(alarms ? configuration.alarms().alarmNames() : List.of())
                .triggeredAlarmNames(List.of())
                .build())
        .deploymentConfiguration(configuration)
        .createdAt(now)
        .build();
  }

  static boolean isLive(DaemonDeployment d) {
    String s = d.statusAsString();
    return PENDING.equals(s) || IN_PROGRESS.equals(s) || ROLLBACK_IN_PROGRESS.equals(s);
  }

  static DaemonDeployment started(DaemonDeployment d, Instant now) {
    return PENDING.equals(d.statusAsString())
        ? d.toBuilder().status(IN_PROGRESS).startedAt(now).build()
        : d;
  }

  /** A newer deployment took over. */
  static DaemonDeployment superseded(DaemonDeployment d, String byArn, Instant now) {
    if (!isLive(d)) {
      return d;
    }
    return d.toBuilder()
        .status(STOPPED)
        .statusReason("Stopped: replaced by daemon deployment " + idOf(byArn) + ".")
        .stoppedAt(now)
        .build();
  }

  /** Every instance runs the target (or rollback target); counts are kept as they ended. */
  static DaemonDeployment finished(
      DaemonDeployment d,
      DaemonDeploymentRevisionDetail target,
      List<DaemonDeploymentRevisionDetail> sources,
      Instant now) {
    boolean rollback = ROLLBACK_IN_PROGRESS.equals(d.statusAsString());
    DaemonDeployment.Builder b =
        d.toBuilder()
            .status(rollback ? ROLLBACK_SUCCESSFUL : SUCCESSFUL)
            .finishedAt(now)
            .targetDaemonRevision(target)
            .sourceDaemonRevisions(sources);
    if (!"TRIGGERED".equals(d.circuitBreaker().statusAsString())) {
      b.circuitBreaker(d.circuitBreaker().toBuilder().status("MONITORING_COMPLETE").build());
    }
    if ("MONITORING".equals(d.alarms().statusAsString())) {
      b.alarms(d.alarms().toBuilder().status("MONITORING_COMPLETE").build());
    }
    return b.build();
  }

  /** One more daemon task of the deployment failed. */
  static DaemonDeployment failed(DaemonDeployment d) {
    DaemonCircuitBreaker b = d.circuitBreaker();
    return d.toBuilder()
        .circuitBreaker(b.toBuilder().failureCount(b.failureCount() + 1).build())
        .build();
  }

  /** Whether the failures so far trip the circuit breaker (twice over for a rollback). */
  static boolean tripped(DaemonDeployment d) {
    DaemonCircuitBreaker b = d.circuitBreaker();
    int limit = ROLLBACK_IN_PROGRESS.equals(d.statusAsString()) ? 2 * b.threshold() : b.threshold();
    return isLive(d) && b.failureCount() >= limit;
  }

  /**
   * The circuit breaker tripped: roll back to {@code rollbackTo} when there is an earlier
   * successful revision, else stop; a rollback that trips again has failed.
   */
  static DaemonDeployment trip(
      DaemonDeployment d, String rollbackTo, List<String> providers, Instant now) {
    DaemonDeployment.Builder b =
        d.toBuilder()
            .statusReason(BREAKER_REASON)
            .circuitBreaker(d.circuitBreaker().toBuilder().status("TRIGGERED").build());
    if (ROLLBACK_IN_PROGRESS.equals(d.statusAsString())) {
      return b.status(ROLLBACK_FAILED).stoppedAt(now).build();
    }
    if (rollbackTo == null) {
      return b.status(STOPPED).stoppedAt(now).build();
    }
    return b.status(ROLLBACK_IN_PROGRESS)
        .rollback(
            DaemonRollback.builder()
                .reason(BREAKER_REASON)
                .startedAt(now)
                .rollbackTargetDaemonRevisionArn(rollbackTo)
                .rollbackCapacityProviders(providers)
                .build())
        .build();
  }

  /** Whether the scheduler may still start tasks for the deployment's target. */
  static boolean launchesAllowed(DaemonDeployment d) {
    String s = d.statusAsString();
    return !"TRIGGERED".equals(d.circuitBreaker().statusAsString())
        || ROLLBACK_IN_PROGRESS.equals(s)
        || ROLLBACK_SUCCESSFUL.equals(s);
  }

  /** The revision the daemon's tasks should run while this is its latest deployment. */
  static String targetOf(DaemonDeployment d) {
    if (d.rollback() != null && d.rollback().rollbackTargetDaemonRevisionArn() != null) {
      return d.rollback().rollbackTargetDaemonRevisionArn();
    }
    return d.targetDaemonRevision() == null ? null : d.targetDaemonRevision().arn();
  }

  static String idOf(String deploymentArn) {
    return deploymentArn.substring(deploymentArn.lastIndexOf('/') + 1);
  }
}
