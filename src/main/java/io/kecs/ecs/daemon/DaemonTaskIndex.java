package io.kecs.ecs.daemon;

import io.kecs.ecs.task.TaskListener;
import io.kecs.ecs.task.TaskStore;
import io.kecs.identity.Arn;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The live (not STOPPED) tasks of each daemon, kept current from task changes so the scheduler and
 * DescribeDaemon never scan all tasks. Derived state, rebuilt at start.
 */
final class DaemonTaskIndex implements TaskListener {
  static final String GROUP_PREFIX = "daemon:";

  private final Map<String, Map<String, Task>> byDaemon = new ConcurrentHashMap<>();

  DaemonTaskIndex(TaskStore tasks) {
    tasks.all().forEach(t -> taskChanged(null, t));
  }

  /** The daemon ARN a task belongs to, or null for tasks of services and standalone tasks. */
  static String daemonOf(Task t) {
    if (t.group() == null || !t.group().startsWith(GROUP_PREFIX)) {
      return null;
    }
    Arn cluster = Arn.parse(t.clusterArn()).orElseThrow();
    return DaemonArns.daemon(
            cluster.scope(), cluster.lastSegment(), t.group().substring(GROUP_PREFIX.length()))
        .toString();
  }

  @Override
  public void taskChanged(Task before, Task after) {
    String daemon = daemonOf(after);
    if (daemon == null) {
      return;
    }
    if ("STOPPED".equals(after.lastStatus())) {
      Map<String, Task> tasks = byDaemon.get(daemon);
      if (tasks != null) {
        tasks.remove(after.taskArn());
      }
    } else {
      byDaemon.computeIfAbsent(daemon, k -> new ConcurrentHashMap<>()).put(after.taskArn(), after);
    }
  }

  List<Task> tasksOf(String daemonArn) {
    Map<String, Task> tasks = byDaemon.get(daemonArn);
    return tasks == null ? List.of() : List.copyOf(tasks.values());
  }

  void clear() {
    byDaemon.clear();
  }
}
