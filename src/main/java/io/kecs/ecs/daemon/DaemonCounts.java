package io.kecs.ecs.daemon;

import io.kecs.identity.Arn;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.DaemonCapacityProvider;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentCapacityProvider;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentRevisionDetail;
import software.amazon.awssdk.services.ecs.model.DaemonRevisionDetail;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What a daemon's live tasks add up to, per revision and per capacity provider: the running task
 * counts DescribeDaemon shows and the running / draining instance counts of daemon deployments. A
 * task belongs to the revision its {@code startedBy} names and to the provider of its instance.
 */
final class DaemonCounts {
  private DaemonCounts() {}

  static boolean isRunning(Task t) {
    return "RUNNING".equals(t.lastStatus()) && "RUNNING".equals(t.desiredStatus());
  }

  /** Stopping but not yet stopped: its instance is being drained of the revision. */
  static boolean isDraining(Task t) {
    return "STOPPED".equals(t.desiredStatus()) && !"STOPPED".equals(t.lastStatus());
  }

  static String revisionOf(Arn daemon, Task t) {
    return DaemonArns.revisionOf(daemon, t.startedBy() == null ? "" : t.startedBy());
  }

  /**
   * The revisions that have live tasks, and the target revision even without any, with their
   * running tasks per provider of the daemon.
   */
  static List<DaemonRevisionDetail> current(
      Arn daemon, String targetRevision, List<String> providerArns, List<Task> tasks) {
    Set<String> revisions = new LinkedHashSet<>();
    if (targetRevision != null) {
      revisions.add(targetRevision);
    }
    tasks.forEach(t -> revisions.add(revisionOf(daemon, t)));
    List<DaemonRevisionDetail> out = new ArrayList<>();
    for (String revision : revisions) {
      List<Task> mine = tasks.stream().filter(t -> revision.equals(revisionOf(daemon, t))).toList();
      List<DaemonCapacityProvider> providers = new ArrayList<>();
      for (String provider : providerArns) {
        providers.add(
            DaemonCapacityProvider.builder()
                .arn(provider)
                .runningCount(count(mine, t -> isRunning(t) && onProvider(daemon, t, provider)))
                .build());
      }
      out.add(
          DaemonRevisionDetail.builder()
              .arn(revision)
              .capacityProviders(providers)
              .totalRunningCount(count(mine, DaemonCounts::isRunning))
              .build());
    }
    return out;
  }

  /** A revision's running and draining instances, per provider of the daemon. */
  static DaemonDeploymentRevisionDetail deploymentDetail(
      Arn daemon, String revision, List<String> providerArns, List<Task> tasks) {
    List<Task> mine = tasks.stream().filter(t -> revision.equals(revisionOf(daemon, t))).toList();
    List<DaemonDeploymentCapacityProvider> providers = new ArrayList<>();
    for (String provider : providerArns) {
      providers.add(
          DaemonDeploymentCapacityProvider.builder()
              .arn(provider)
              .runningInstanceCount(
                  instances(mine, t -> isRunning(t) && onProvider(daemon, t, provider)))
              .drainingInstanceCount(
                  instances(mine, t -> isDraining(t) && onProvider(daemon, t, provider)))
              .build());
    }
    return DaemonDeploymentRevisionDetail.builder()
        .arn(revision)
        .capacityProviders(providers)
        .totalRunningInstanceCount(instances(mine, DaemonCounts::isRunning))
        .totalDrainingInstanceCount(instances(mine, DaemonCounts::isDraining))
        .build();
  }

  /** The revisions with live tasks, other than {@code except}. */
  static List<String> revisionsWithTasks(Arn daemon, List<Task> tasks, String except) {
    Set<String> out = new LinkedHashSet<>();
    for (Task t : tasks) {
      String r = revisionOf(daemon, t);
      if (!r.equals(except)) {
        out.add(r);
      }
    }
    return List.copyOf(out);
  }

  private static boolean onProvider(Arn daemon, Task t, String providerArn) {
    return t.capacityProviderName() != null
        && providerArn.equals(
            Arn.ecs(daemon.scope(), "capacity-provider", t.capacityProviderName()).toString());
  }

  private static int count(List<Task> tasks, Predicate<Task> p) {
    return (int) tasks.stream().filter(p).count();
  }

  private static int instances(List<Task> tasks, Predicate<Task> p) {
    return (int)
        tasks.stream()
            .filter(p)
            .map(Task::containerInstanceArn)
            .filter(Objects::nonNull)
            .distinct()
            .count();
  }
}
