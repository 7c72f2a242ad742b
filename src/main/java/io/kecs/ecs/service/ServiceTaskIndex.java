package io.kecs.ecs.service;

import io.kecs.ecs.task.TaskListener;
import io.kecs.ecs.task.TaskStore;
import io.kecs.identity.Arn;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The live (not STOPPED) tasks of each service, by task ARN, kept current from task changes so the
 * scheduler and DescribeServices never scan all tasks. Derived state, rebuilt at start.
 */
public final class ServiceTaskIndex implements TaskListener {
  private final Map<String, Map<String, Task>> byService = new ConcurrentHashMap<>();

  public ServiceTaskIndex(TaskStore tasks) {
    tasks.all().forEach(t -> taskChanged(null, t));
  }

  /** The service ARN a task belongs to, or null for standalone tasks. */
  static String serviceOf(Task t) {
    if (t.group() == null || !t.group().startsWith("service:")) {
      return null;
    }
    Arn cluster = Arn.parse(t.clusterArn()).orElseThrow();
    return ServiceStore.serviceArn(cluster, t.group().substring("service:".length())).toString();
  }

  @Override
  public void taskChanged(Task before, Task after) {
    String service = serviceOf(after);
    if (service == null) {
      return;
    }
    if ("STOPPED".equals(after.lastStatus())) {
      Map<String, Task> tasks = byService.get(service);
      if (tasks != null) {
        tasks.remove(after.taskArn());
      }
    } else {
      byService
          .computeIfAbsent(service, k -> new ConcurrentHashMap<>())
          .put(after.taskArn(), after);
    }
  }

  public List<Task> tasksOf(String serviceArn) {
    Map<String, Task> tasks = byService.get(serviceArn);
    return tasks == null ? List.of() : List.copyOf(tasks.values());
  }

  public void clear() {
    byService.clear();
  }
}
