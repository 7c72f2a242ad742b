package io.kecs.ecs.task;

import io.kecs.ecs.cluster.ClusterUsage;
import io.kecs.identity.Arn;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Running and pending tasks per cluster and launch type, kept up to date from task changes so
 * DescribeClusters never scans tasks. Rebuilt from the store at start (it is derived, not stored).
 */
public final class TaskCounts implements TaskListener {
  private static final int RUNNING_EC2 = 0;
  private static final int RUNNING_FARGATE = 1;
  private static final int RUNNING_EXTERNAL = 2;
  private static final int PENDING_EC2 = 3;
  private static final int PENDING_FARGATE = 4;

  private final Map<String, AtomicIntegerArray> byCluster = new ConcurrentHashMap<>();

  public TaskCounts(TaskStore store) {
    store.all().forEach(t -> add(t, 1));
  }

  @Override
  public void taskChanged(Task before, Task after) {
    if (before != null) {
      add(before, -1);
    }
    add(after, 1);
  }

  /** Forgets every count (the store was reset). */
  public void clear() {
    byCluster.clear();
  }

  public ClusterUsage.Counts countsOf(Arn cluster) {
    AtomicIntegerArray c = byCluster.get(cluster.toString());
    if (c == null) {
      return ClusterUsage.Counts.NONE;
    }
    return new ClusterUsage.Counts(
        0,
        c.get(RUNNING_EC2),
        c.get(RUNNING_FARGATE),
        c.get(RUNNING_EXTERNAL),
        c.get(PENDING_EC2),
        c.get(PENDING_FARGATE),
        0,
        0,
        0,
        0);
  }

  private void add(Task t, int delta) {
    int slot = slot(t);
    if (slot >= 0) {
      byCluster
          .computeIfAbsent(t.clusterArn(), k -> new AtomicIntegerArray(5))
          .addAndGet(slot, delta);
    }
  }

  private static int slot(Task t) {
    String status = t.lastStatus();
    boolean running = "RUNNING".equals(status);
    boolean pending =
        "PROVISIONING".equals(status) || "PENDING".equals(status) || "ACTIVATING".equals(status);
    if (!running && !pending) {
      return -1;
    }
    String launchType = t.launchType() == null ? "EC2" : t.launchTypeAsString();
    return switch (launchType) {
      case "FARGATE" -> running ? RUNNING_FARGATE : PENDING_FARGATE;
      case "EXTERNAL" -> running ? RUNNING_EXTERNAL : PENDING_EC2;
      default -> running ? RUNNING_EC2 : PENDING_EC2;
    };
  }
}
