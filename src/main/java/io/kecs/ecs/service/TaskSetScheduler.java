package io.kecs.ecs.service;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.StopCodes;
import io.kecs.ecs.task.TaskLifecycle;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskSet;

/**
 * The scheduler of EXTERNAL and CODE_DEPLOY services: carries out {@link TaskSetPlan} (keeps each
 * task set at its computed desired count, replaces stopped and unhealthy tasks, drains deleted task
 * sets and deleted services) and records counts, stability and events on the service. Runs on the
 * {@link ServiceScheduler}'s work queue, so it shares its triggers (API calls, task changes,
 * resync) and never works on one service twice at once.
 */
final class TaskSetScheduler {
  private final ServiceStore services;
  private final ServiceTaskIndex index;
  private final TaskLifecycle lifecycle;
  private final ServiceLaunches launches;
  private final TagService tags;
  private final Scheduler clock;
  private final Predicate<Task> isProtected;

  TaskSetScheduler(
      ServiceStore services,
      ServiceTaskIndex index,
      TaskLifecycle lifecycle,
      ServiceLaunches launches,
      TagService tags,
      Scheduler clock,
      Predicate<Task> isProtected) {
    this.services = services;
    this.index = index;
    this.lifecycle = lifecycle;
    this.launches = launches;
    this.tags = tags;
    this.clock = clock;
    this.isProtected = isProtected;
  }

  /** One round for a service whose tasks task sets run. */
  void reconcile(Service s, Predicate<Task> healthy, Predicate<Task> onDrainingInstance) {
    String serviceArn = s.serviceArn();
    Instant now = clock.now();
    TaskSetPlan.Plan plan =
        TaskSetPlan.plan(s, index.tasksOf(serviceArn), healthy, isProtected, onDrainingInstance);
    for (Rollout.Stop stop : plan.stops()) {
      lifecycle.requestStop(
          stop.task().taskArn(), "ServiceSchedulerInitiated", stopReason(stop, s));
    }
    Map<String, List<Task>> started = new LinkedHashMap<>();
    String launchFailure = null;
    for (TaskSetPlan.Launch launch : plan.launches()) {
      try {
        started.put(
            launch.taskSet().id(),
            launches.launch(
                s,
                ServiceLaunches.Source.of(launch.taskSet()),
                launch.count(),
                index.tasksOf(s.serviceArn())));
      } catch (AwsException e) {
        launchFailure = e.getMessage();
      }
    }
    String failure = launchFailure;
    List<TaskSet> removed = new ArrayList<>();
    Service saved =
        services
            .update(
                serviceArn,
                latest -> {
                  TaskSetStatus.Counted counted =
                      TaskSetStatus.withCounts(
                          latest, index.tasksOf(serviceArn), healthy, clock.now());
                  removed.addAll(counted.removed());
                  return events(counted.service(), plan, started, failure, now);
                })
            .orElse(null);
    removed.forEach(ts -> tags.forget(Arn.parse(ts.taskSetArn()).orElseThrow()));
    if (saved != null && "DRAINING".equals(saved.status()) && index.tasksOf(serviceArn).isEmpty()) {
      // Nothing changes a DRAINING service's task sets any more: the API refuses to.
      saved.taskSets().forEach(ts -> tags.forget(Arn.parse(ts.taskSetArn()).orElseThrow()));
      services.update(
          serviceArn, latest -> latest.toBuilder().status("INACTIVE").taskSets(List.of()).build());
    }
  }

  /** ECS-worded events of this round, by task set: "(service web, taskSet ecs-svc/...) has ..." */
  private static Service events(
      Service s,
      TaskSetPlan.Plan plan,
      Map<String, List<Task>> started,
      String launchFailure,
      Instant now) {
    Service next = s;
    Map<String, List<String>> stopped = new LinkedHashMap<>();
    Map<String, List<String>> unhealthy = new LinkedHashMap<>();
    for (Rollout.Stop stop : plan.stops()) {
      String who = subject(s, stop.task().startedBy());
      (stop.reason() == Rollout.StopReason.UNHEALTHY ? unhealthy : stopped)
          .computeIfAbsent(who, k -> new ArrayList<>())
          .add(taskId(stop.task()));
    }
    for (Map.Entry<String, List<String>> e : unhealthy.entrySet()) {
      next = ServiceEvents.add(next, ServiceEvents.unhealthy(e.getKey(), e.getValue()), now);
    }
    for (Map.Entry<String, List<String>> e : stopped.entrySet()) {
      next = ServiceEvents.add(next, ServiceEvents.stopped(e.getKey(), e.getValue()), now);
    }
    for (Map.Entry<String, List<Task>> e : started.entrySet()) {
      if (!e.getValue().isEmpty()) {
        List<String> ids = e.getValue().stream().map(TaskSetScheduler::taskId).toList();
        next = ServiceEvents.add(next, ServiceEvents.started(subject(s, e.getKey()), ids), now);
      }
    }
    if (launchFailure != null) {
      next =
          ServiceEvents.add(next, ServiceEvents.unableToPlace(s.serviceName(), launchFailure), now);
    }
    if ("ACTIVE".equals(next.status()) && TaskSetStatus.allSteady(next)) {
      next = ServiceEvents.add(next, ServiceEvents.steadyState(s.serviceName()), now);
    }
    return next;
  }

  /** How ECS names the subject of a task set's event: the service, then the task set. */
  private static String subject(Service s, String taskSetId) {
    boolean known =
        taskSetId != null && s.taskSets().stream().anyMatch(ts -> ts.id().equals(taskSetId));
    return known ? s.serviceName() + ", taskSet " + taskSetId : s.serviceName();
  }

  private static String stopReason(Rollout.Stop stop, Service s) {
    return switch (stop.reason()) {
      case UNHEALTHY -> "Task failed container health checks";
      case DRAINING -> "Service " + s.serviceName() + " was deleted.";
      case INSTANCE_DRAINING -> ServiceScheduler.INSTANCE_DRAINING_REASON;
      default -> StopCodes.scalingActivity(stop.task().startedBy());
    };
  }

  private static String taskId(Task t) {
    return t.taskArn().substring(t.taskArn().lastIndexOf('/') + 1);
  }
}
