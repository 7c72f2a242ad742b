package io.kecs.ecs.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * What a service shows of its tasks: running and pending counts per deployment and in all, which
 * deployments are drained (and leave the list), and whether the primary deployment has completed.
 * Pure: the scheduler decides, this only describes.
 */
final class ServiceStatus {
  private ServiceStatus() {}

  static boolean isPending(Task t) {
    String s = t.lastStatus();
    return "PROVISIONING".equals(s) || "PENDING".equals(s) || "ACTIVATING".equals(s);
  }

  static boolean isRunning(Task t) {
    return "RUNNING".equals(t.lastStatus());
  }

  /**
   * Counts per deployment; deployments other than the primary drop out once they have no tasks.
   *
   * @param desiredByDeployment what the runtime's workload wants of each deployment (its
   *     ReplicaSets), or null: then an earlier deployment wants the tasks it still has
   */
  static Service withCounts(
      Service s, List<Task> tasks, Map<String, Integer> desiredByDeployment, Instant now) {
    Map<String, List<Task>> byDeployment = Rollout.byDeployment(tasks);
    List<Deployment> deployments = new ArrayList<>();
    int running = 0;
    int pending = 0;
    for (int i = 0; i < s.deployments().size(); i++) {
      Deployment d = s.deployments().get(i);
      List<Task> mine = byDeployment.getOrDefault(d.id(), List.of());
      if (i > 0 && mine.isEmpty()) {
        continue;
      }
      List<Task> active = mine.stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList();
      int r = (int) active.stream().filter(ServiceStatus::isRunning).count();
      int p = (int) active.stream().filter(ServiceStatus::isPending).count();
      running += r;
      pending += p;
      Deployment.Builder b = d.toBuilder().runningCount(r).pendingCount(p);
      if (i == 0) {
        b.desiredCount(s.desiredCount());
      } else if (desiredByDeployment != null) {
        b.desiredCount(desiredByDeployment.getOrDefault(d.id(), 0));
      } else {
        b.desiredCount(active.size());
      }
      Deployment next = b.build();
      if (!next.equals(d)) {
        next = next.toBuilder().updatedAt(now).build();
      }
      deployments.add(next);
    }
    Service next =
        s.toBuilder().deployments(deployments).runningCount(running).pendingCount(pending).build();
    return next.equals(s) ? s : next;
  }

  /** Whether the primary deployment has every task it wants, all healthy, and nothing else runs. */
  static boolean primaryComplete(Service s, List<Task> tasks, Predicate<Task> healthy) {
    Deployment primary = Rollout.primary(s);
    if (primary == null || s.deployments().size() > 1) {
      return false;
    }
    List<Task> active = tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus())).toList();
    long healthyPrimary =
        active.stream().filter(t -> primary.id().equals(t.startedBy())).filter(healthy).count();
    return active.size() == s.desiredCount() && healthyPrimary == s.desiredCount();
  }

  static Service withPrimary(Service s, Deployment primary) {
    List<Deployment> deployments = new ArrayList<>(s.deployments());
    deployments.set(0, primary);
    return s.toBuilder().deployments(deployments).build();
  }
}
