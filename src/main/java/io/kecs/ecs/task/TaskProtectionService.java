package io.kecs.ecs.task;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.store.RecordTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionResponse;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionResponse;

/**
 * Task scale-in protection. Only tasks of services can be protected (others fail with
 * TASK_NOT_VALID); protection lapses at its expiry, which is checked when read.
 */
public final class TaskProtectionService {
  static final int DEFAULT_MINUTES = 120;
  static final int MAX_MINUTES = 2880;

  private final ClusterService clusters;
  private final TaskService tasks;
  private final RecordTable<ProtectedTask> protections;
  private final Scheduler scheduler;
  private final BiConsumer<String, Instant> runtime;

  /**
   * @param runtime told each change of a task's protection: until when, or null when it ends
   */
  public TaskProtectionService(
      ClusterService clusters,
      TaskService tasks,
      RecordTable<ProtectedTask> protections,
      Scheduler scheduler,
      BiConsumer<String, Instant> runtime) {
    this.clusters = clusters;
    this.tasks = tasks;
    this.protections = protections;
    this.scheduler = scheduler;
    this.runtime = runtime;
  }

  public UpdateTaskProtectionResponse updateTaskProtection(
      RequestContext ctx, UpdateTaskProtectionRequest r) {
    if (r.tasks().isEmpty() || r.tasks().size() > 10) {
      throw new InvalidParameterException("tasks must have between 1 and 10 items.");
    }
    Integer minutes = r.expiresInMinutes();
    if (minutes != null && (minutes < 1 || minutes > MAX_MINUTES)) {
      throw new InvalidParameterException(
          "expiresInMinutes must be between 1 and " + MAX_MINUTES + ".");
    }
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    List<ProtectedTask> done = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : r.tasks()) {
      Optional<Task> task = tasks.find(cluster, ref).filter(t -> !TaskTransitions.isStopped(t));
      if (task.isEmpty()) {
        failures.add(failure(cluster, ref, "MISSING"));
        continue;
      }
      if (task.get().group() == null || !task.get().group().startsWith("service:")) {
        failures.add(failure(cluster, ref, "TASK_NOT_VALID"));
        continue;
      }
      ProtectedTask p =
          Boolean.TRUE.equals(r.protectionEnabled())
              ? ProtectedTask.builder()
                  .taskArn(task.get().taskArn())
                  .protectionEnabled(true)
                  .expirationDate(
                      scheduler
                          .now()
                          .plus(Duration.ofMinutes(minutes == null ? DEFAULT_MINUTES : minutes)))
                  .build()
              : ProtectedTask.builder()
                  .taskArn(task.get().taskArn())
                  .protectionEnabled(false)
                  .build();
      if (p.protectionEnabled()) {
        protections.put(p.taskArn(), p);
      } else {
        protections.delete(p.taskArn());
      }
      runtime.accept(p.taskArn(), p.expirationDate());
      done.add(p);
    }
    return UpdateTaskProtectionResponse.builder().protectedTasks(done).failures(failures).build();
  }

  public GetTaskProtectionResponse getTaskProtection(
      RequestContext ctx, GetTaskProtectionRequest r) {
    if (r.tasks().size() > 100) {
      throw new InvalidParameterException("tasks can have at most 100 items.");
    }
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    List<ProtectedTask> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : r.tasks()) {
      Optional<Task> task = tasks.find(cluster, ref);
      if (task.isEmpty()) {
        failures.add(failure(cluster, ref, "MISSING"));
      } else if (task.get().group() == null || !task.get().group().startsWith("service:")) {
        failures.add(failure(cluster, ref, "TASK_NOT_VALID"));
      } else {
        found.add(current(task.get().taskArn()));
      }
    }
    return GetTaskProtectionResponse.builder().protectedTasks(found).failures(failures).build();
  }

  /** Drops the protection records of tasks that are gone. */
  public void forget(List<String> taskArns) {
    protections.deleteAll(taskArns.stream().filter(a -> protections.get(a).isPresent()).toList());
  }

  /** Whether a task is protected now (used by scale-in). */
  public boolean isProtected(String taskArn) {
    return current(taskArn).protectionEnabled();
  }

  private ProtectedTask current(String taskArn) {
    return protections
        .get(taskArn)
        .filter(p -> p.expirationDate() == null || p.expirationDate().isAfter(scheduler.now()))
        .orElse(ProtectedTask.builder().taskArn(taskArn).protectionEnabled(false).build());
  }

  private static Failure failure(Cluster cluster, String ref, String reason) {
    return Failure.builder().arn(TaskService.taskArn(cluster, ref)).reason(reason).build();
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("GetTaskProtection", GetTaskProtectionRequest.class, this::getTaskProtection)
        .add("UpdateTaskProtection", UpdateTaskProtectionRequest.class, this::updateTaskProtection);
  }
}
