package io.kecs.ecs.service;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.error.ServiceNotActiveException;
import io.kecs.ecs.error.ServiceNotFoundException;
import io.kecs.ecs.error.TaskSetNotFoundException;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.store.RecordTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.DeleteTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Scale;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskSet;
import software.amazon.awssdk.services.ecs.model.UpdateServicePrimaryTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServicePrimaryTaskSetResponse;
import software.amazon.awssdk.services.ecs.model.UpdateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskSetResponse;

/**
 * CreateTaskSet, UpdateTaskSet, DeleteTaskSet, DescribeTaskSets and UpdateServicePrimaryTaskSet.
 * Task sets live inside their service's record ({@code Service.taskSets}), so every change is one
 * atomic update of the service; the scheduler then brings the tasks in line.
 */
public final class TaskSetService {
  private final ClusterService clusters;
  private final ServiceStore store;
  private final ServiceScheduler scheduler;
  private final TagService tags;
  private final Scheduler clock;
  private final TaskSetConfiguration configuration;

  /** Client tokens: keyed by service ARN and token, the record holds the task set's ARN only. */
  private final RecordTable<TaskSet> clientTokens;

  TaskSetService(
      ClusterService clusters,
      ServiceStore store,
      ServiceScheduler scheduler,
      TaskSetConfiguration configuration,
      TagService tags,
      Scheduler clock,
      RecordTable<TaskSet> clientTokens) {
    this.clusters = clusters;
    this.store = store;
    this.scheduler = scheduler;
    this.configuration = configuration;
    this.tags = tags;
    this.clock = clock;
    this.clientTokens = clientTokens;
    tags.registerResourceType("task-set", this::exists);
  }

  public CreateTaskSetResponse createTaskSet(RequestContext ctx, CreateTaskSetRequest r) {
    ServiceRules.clientToken(r.clientToken());
    Scale scale = TaskSetRules.scale(r.scale());
    TagService.validate(r.tags());
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    Service service = requireService(cluster, r.service(), true);
    TaskSetRules.managed(service);
    String tokenKey = r.clientToken() == null ? null : service.serviceArn() + "|" + r.clientToken();
    synchronized (this) {
      if (tokenKey != null) {
        Optional<TaskSet> earlier =
            clientTokens
                .get(tokenKey)
                .flatMap(t -> find(service, t.taskSetArn()))
                .filter(ts -> !"DRAINING".equals(ts.status()));
        if (earlier.isPresent()) {
          return CreateTaskSetResponse.builder().taskSet(show(earlier.get(), true)).build();
        }
      }
      TaskSetFactory.Spec spec = configuration.create(ctx, cluster, r, scale);
      Instant now = clock.now();
      TaskSet[] created = new TaskSet[1];
      change(
          service,
          (latest, sets) -> {
            TaskSetRules.room(latest);
            created[0] = TaskSetFactory.create(latest, spec, "ACTIVE", now);
            sets.add(created[0]);
            return latest;
          });
      tags.setTags(Arn.parse(created[0].taskSetArn()).orElseThrow(), r.tags());
      if (tokenKey != null) {
        clientTokens.put(tokenKey, TaskSet.builder().taskSetArn(created[0].taskSetArn()).build());
      }
      return CreateTaskSetResponse.builder().taskSet(show(created[0], true)).build();
    }
  }

  public UpdateTaskSetResponse updateTaskSet(RequestContext ctx, UpdateTaskSetRequest r) {
    Scale scale = TaskSetRules.scale(r.scale());
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    Service service = requireService(cluster, r.service(), true);
    TaskSetRules.managed(service);
    String arn = TaskSetIds.resolve(Arn.parse(service.serviceArn()).orElseThrow(), r.taskSet());
    Instant now = clock.now();
    Service saved =
        change(
            service,
            (latest, sets) -> {
              TaskSet ts = require(sets, arn);
              if ("DRAINING".equals(ts.status())) {
                throw new InvalidParameterException(
                    "The task set is DRAINING and cannot be updated.");
              }
              sets.set(sets.indexOf(ts), ts.toBuilder().scale(scale).updatedAt(now).build());
              return latest;
            });
    return UpdateTaskSetResponse.builder()
        .taskSet(show(find(saved, arn).orElseThrow(), false))
        .build();
  }

  public DeleteTaskSetResponse deleteTaskSet(RequestContext ctx, DeleteTaskSetRequest r) {
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    Service service = requireService(cluster, r.service(), true);
    TaskSetRules.managed(service);
    String arn = TaskSetIds.resolve(Arn.parse(service.serviceArn()).orElseThrow(), r.taskSet());
    boolean force = Boolean.TRUE.equals(r.force());
    Instant now = clock.now();
    Service saved =
        change(
            service,
            (latest, sets) -> {
              TaskSet ts = require(sets, arn);
              if (!"DRAINING".equals(ts.status())) {
                TaskSetRules.deletable(ts, force);
                sets.set(
                    sets.indexOf(ts),
                    ts.toBuilder()
                        .status("DRAINING")
                        .stabilityStatus("STABILIZING")
                        .stabilityStatusAt(now)
                        .updatedAt(now)
                        .build());
              }
              return latest;
            });
    return DeleteTaskSetResponse.builder()
        .taskSet(show(find(saved, arn).orElseThrow(), false))
        .build();
  }

  public UpdateServicePrimaryTaskSetResponse updateServicePrimaryTaskSet(
      RequestContext ctx, UpdateServicePrimaryTaskSetRequest r) {
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    Service service = requireService(cluster, r.service(), true);
    TaskSetRules.managed(service);
    String arn =
        TaskSetIds.resolve(Arn.parse(service.serviceArn()).orElseThrow(), r.primaryTaskSet());
    Instant now = clock.now();
    Service saved =
        change(
            service,
            (latest, sets) -> {
              TaskSet primary = require(sets, arn);
              if ("DRAINING".equals(primary.status())) {
                throw new InvalidParameterException(
                    "The task set is DRAINING and cannot become the primary task set.");
              }
              if ("PRIMARY".equals(primary.status())) {
                return latest;
              }
              for (int i = 0; i < sets.size(); i++) {
                TaskSet ts = sets.get(i);
                if (ts == primary) {
                  sets.set(i, ts.toBuilder().status("PRIMARY").updatedAt(now).build());
                } else if ("PRIMARY".equals(ts.status())) {
                  sets.set(i, ts.toBuilder().status("ACTIVE").updatedAt(now).build());
                }
              }
              return TaskSetPrimary.follow(latest, primary);
            });
    return UpdateServicePrimaryTaskSetResponse.builder()
        .taskSet(show(find(saved, arn).orElseThrow(), false))
        .build();
  }

  public DescribeTaskSetsResponse describeTaskSets(RequestContext ctx, DescribeTaskSetsRequest r) {
    if (!r.hasTaskSets() || r.taskSets().isEmpty()) {
      throw new InvalidParameterException("TaskSets cannot be empty.");
    }
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    Service service = requireService(cluster, r.service(), false);
    TaskSetRules.readable(service);
    Arn serviceArn = Arn.parse(service.serviceArn()).orElseThrow();
    boolean withTags = r.includeAsStrings().contains("TAGS");
    List<TaskSet> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : r.taskSets()) {
      String arn = TaskSetIds.resolve(serviceArn, ref);
      Optional<TaskSet> ts = find(service, arn);
      if (ts.isPresent()) {
        found.add(show(ts.get(), withTags));
      } else {
        failures.add(Failure.builder().arn(arn).reason("MISSING").build());
      }
    }
    return DescribeTaskSetsResponse.builder().taskSets(found).failures(failures).build();
  }

  /**
   * Changes the task sets of the latest service record atomically, re-scales them and wakes the
   * scheduler; the change gets the record and a mutable copy of its task sets.
   */
  private Service change(Service service, BiFunction<Service, List<TaskSet>, Service> change) {
    Instant now = clock.now();
    Service saved =
        store
            .update(
                service.serviceArn(),
                latest -> {
                  if (!"ACTIVE".equals(latest.status())) {
                    throw new ServiceNotActiveException("Service was not ACTIVE.");
                  }
                  List<TaskSet> sets = new ArrayList<>(latest.taskSets());
                  Service next = change.apply(latest, sets).toBuilder().taskSets(sets).build();
                  return TaskSetStatus.withDesiredCounts(next, now);
                })
            .orElseThrow(() -> new ServiceNotFoundException(EcsMessages.SERVICE_NOT_FOUND));
    scheduler.enqueue(saved.serviceArn());
    return saved;
  }

  private Service requireService(Cluster cluster, String ref, boolean mustBeActive) {
    Service s =
        store
            .get(ServiceService.serviceArn(cluster, ref))
            .filter(x -> x.clusterArn().equals(cluster.clusterArn()))
            .orElseThrow(() -> new ServiceNotFoundException(EcsMessages.SERVICE_NOT_FOUND));
    if ("INACTIVE".equals(s.status()) || (mustBeActive && !"ACTIVE".equals(s.status()))) {
      throw new ServiceNotActiveException("Service was not ACTIVE.");
    }
    return s;
  }

  private static TaskSet require(List<TaskSet> sets, String taskSetArn) {
    return sets.stream()
        .filter(ts -> ts.taskSetArn().equals(taskSetArn))
        .findFirst()
        .orElseThrow(() -> new TaskSetNotFoundException("The specified task set does not exist."));
  }

  private static Optional<TaskSet> find(Service s, String taskSetArn) {
    return s.taskSets().stream().filter(ts -> ts.taskSetArn().equals(taskSetArn)).findFirst();
  }

  private TaskSet show(TaskSet ts, boolean withTags) {
    return ServiceView.withLists(ts).toBuilder()
        .tags(withTags ? tags.tagsOf(Arn.parse(ts.taskSetArn()).orElseThrow()) : List.of())
        .build();
  }

  private boolean exists(Arn taskSet) {
    Arn service = TaskSetIds.serviceOf(taskSet);
    return service != null
        && store.get(service.toString()).flatMap(s -> find(s, taskSet.toString())).isPresent();
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("CreateTaskSet", CreateTaskSetRequest.class, this::createTaskSet)
        .add("UpdateTaskSet", UpdateTaskSetRequest.class, this::updateTaskSet)
        .add("DeleteTaskSet", DeleteTaskSetRequest.class, this::deleteTaskSet)
        .add("DescribeTaskSets", DescribeTaskSetsRequest.class, this::describeTaskSets)
        .add(
            "UpdateServicePrimaryTaskSet",
            UpdateServicePrimaryTaskSetRequest.class,
            this::updateServicePrimaryTaskSet);
  }
}
