package io.kecs.ecs.task;

/** The stop codes and reasons as ECS words them. */
public final class StopCodes {
  static final String TASK_FAILED_TO_START = "TaskFailedToStart";
  static final String ESSENTIAL_CONTAINER_EXITED = "EssentialContainerExited";
  static final String USER_INITIATED = "UserInitiated";
  static final String SERVICE_SCHEDULER_INITIATED = "ServiceSchedulerInitiated";
  static final String TERMINATION_NOTICE = "TerminationNotice";

  static final String ESSENTIAL_EXITED_REASON = "Essential container in task exited";
  static final String USER_STOPPED_REASON = "Task stopped by user";
  static final String OUT_OF_MEMORY_REASON =
      "OutOfMemoryError: Container killed due to memory usage";

  private StopCodes() {}

  /** Why the service scheduler stopped a task while scaling in or rolling a deployment. */
  public static String scalingActivity(String deploymentId) {
    return "Scaling activity initiated by (deployment " + deploymentId + ")";
  }
}
