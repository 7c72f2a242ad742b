package io.kecs.ecs.task;

import io.kecs.identity.Arn;
import io.kecs.store.RecordTable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Tasks by ARN. Anyone may read; only {@link TaskLifecycle} writes (the methods that write are
 * package-private), so a task's status has exactly one writer.
 */
public final class TaskStore {
  private final RecordTable<Task> table;

  public TaskStore(RecordTable<Task> table) {
    this.table = table;
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
    return new Arn(
            cluster.partition(),
            "ecs",
            cluster.region(),
            cluster.account(),
            "task/" + cluster.lastSegment() + "/")
        .toString();
  }

  void put(Task task) {
    table.put(task.taskArn(), task);
  }

  void putAll(Map<String, Task> tasks) {
    table.putAll(tasks);
  }

  void delete(List<String> taskArns) {
    table.deleteAll(taskArns);
  }
}
