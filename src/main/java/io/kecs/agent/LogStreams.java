package io.kecs.agent;

import java.util.Map;

/** The CloudWatch Logs stream of a container under the awslogs driver, as ECS names it. */
final class LogStreams {
  private LogStreams() {}

  /** {@code prefix/container/task-id}; without a prefix ECS leaves the name to Docker (its id). */
  static String name(Map<String, String> options, String container, String taskId) {
    return options.get("awslogs-stream-prefix") + "/" + container + "/" + taskId;
  }
}
