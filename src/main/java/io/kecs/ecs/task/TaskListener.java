package io.kecs.ecs.task;

import software.amazon.awssdk.services.ecs.model.Task;

/** Told of every change a task goes through (services, clusters' counts, container instances). */
@FunctionalInterface
public interface TaskListener {
  void taskChanged(Task before, Task after);
}
