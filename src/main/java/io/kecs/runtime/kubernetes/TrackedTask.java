package io.kecs.runtime.kubernetes;

import io.kecs.runtime.TaskLaunch;
import io.kecs.runtime.TaskPhase;

/**
 * What the runtime knows of one task it runs: where its pod is and what it last reported. Guarded
 * by its own monitor; reports for one task are made while holding it, so they stay in order.
 */
final class TrackedTask {
  final TaskLaunch launch;
  final String namespace;
  final String podName;
  final long graceSeconds;

  /** The pod was created (or found): a stop now means deleting it. */
  boolean created;

  boolean stopRequested;

  /** KECS asked Kubernetes to delete the pod: its disappearance is expected. */
  boolean deleting;

  /**
   * No more reports once set. Volatile because a reset sets it without taking the task's lock: the
   * reset holds the store's gate exclusively, and a watch thread that holds this task's lock while
   * reporting waits for that gate, so locking here would deadlock (seen on the real API server).
   */
  volatile boolean released;

  TaskPhase lastPhase;
  PodStatusMapper.Picture lastPicture;

  TrackedTask(TaskLaunch launch, String namespace, String podName, long graceSeconds) {
    this.launch = launch;
    this.namespace = namespace;
    this.podName = podName;
    this.graceSeconds = graceSeconds;
  }

  String taskArn() {
    return launch.taskArn();
  }
}
