package io.kecs.ecs.task;

import io.kecs.identity.Arn;
import io.kecs.store.RecordTable;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Tasks by ARN, and by cluster and group (a service's tasks are its group {@code service:NAME}), so
 * ListTasks for one service of 2,000 never walks the other 9,995 tasks. Anyone may read; only
 * {@link TaskLifecycle} writes (the methods that write are package-private), so a task's status has
 * exactly one writer.
 */
public final class TaskStore {
  private final RecordTable<Task> table;
  private final Map<String, NavigableMap<String, Task>> byGroup = new ConcurrentHashMap<>();
  // Task ids are unique across accounts and regions (random), so the agent's endpoints, which know
  // only the id, find the task without a scan.
  private final Map<String, String> arnById = new ConcurrentHashMap<>();

  public TaskStore(RecordTable<Task> table) {
    this.table = table;
    table.all().forEach(this::index);
  }

  /** The tasks of one group of a cluster in ARN order (a live view). */
  public NavigableMap<String, Task> inGroup(Arn cluster, String group) {
    NavigableMap<String, Task> tasks = byGroup.get(groupKey(cluster.toString(), group));
    return tasks == null
        ? Collections.emptyNavigableMap()
        : Collections.unmodifiableNavigableMap(tasks);
  }

  /** Drops the derived indexes (the store was reset). */
  public void clearIndexes() {
    byGroup.clear();
    arnById.clear();
  }

  /** A task by its id (the last segment of its ARN), in any account and region. */
  public Optional<Task> byId(String taskId) {
    String arn = arnById.get(taskId);
    return arn == null ? Optional.empty() : table.get(arn);
  }

  private void index(Task t) {
    arnById.put(idOf(t.taskArn()), t.taskArn());
    if (t.group() != null) {
      byGroup
          .computeIfAbsent(groupKey(t.clusterArn(), t.group()), k -> new ConcurrentSkipListMap<>())
          .put(t.taskArn(), t);
    }
  }

  private static String idOf(String taskArn) {
    return taskArn.substring(taskArn.lastIndexOf('/') + 1);
  }

  private static String groupKey(String clusterArn, String group) {
    return clusterArn + "|" + group;
  }

  public Optional<Task> get(String taskArn) {
    return table.get(taskArn);
  }

  /** The tasks of one cluster in ARN order (a live view). */
  public NavigableMap<String, Task> inCluster(Arn cluster) {
    return table.range(taskArnPrefix(cluster));
  }

  public Collection<Task> all() {
    return table.all();
  }

  /** The ARN prefix of every task of a cluster: {@code ...:task/CLUSTER/}. */
  static String taskArnPrefix(Arn cluster) {
    return Arn.task(cluster, "").toString();
  }

  void put(Task task) {
    table.put(task.taskArn(), task);
    index(task);
  }

  void putAll(Map<String, Task> tasks) {
    table.putAll(tasks);
    tasks.values().forEach(this::index);
  }

  void delete(List<String> taskArns) {
    List<Task> gone = taskArns.stream().map(table::get).flatMap(Optional::stream).toList();
    table.deleteAll(taskArns);
    for (Task t : gone) {
      arnById.remove(idOf(t.taskArn()), t.taskArn());
      if (t.group() != null) {
        NavigableMap<String, Task> tasks = byGroup.get(groupKey(t.clusterArn(), t.group()));
        if (tasks != null) {
          tasks.remove(t.taskArn());
        }
      }
    }
  }
}
