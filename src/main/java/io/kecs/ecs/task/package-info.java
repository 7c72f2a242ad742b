/**
 * ECS tasks: RunTask / StartTask / StopTask / Describe / List / protection, and the task state
 * machine. {@link io.kecs.ecs.task.TaskLifecycle} is the one writer of a task's status: it turns
 * runtime observations and stop requests into ECS states ({@link io.kecs.ecs.task.TaskTransitions}
 * holds the rules).
 */
package io.kecs.ecs.task;
