package io.kecs.ecs.task;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.runtime.ManagedEbsVolume;
import io.kecs.store.RecordTable;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksResponse;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.StartTaskRequest;
import software.amazon.awssdk.services.ecs.model.StartTaskResponse;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.StopTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** RunTask, StartTask, StopTask, DescribeTasks and ListTasks. */
public final class TaskService {
  private static final int MAX_DESCRIBE = 100;

  private final ClusterService clusters;
  private final TaskDefinitionSource definitions;
  private final TaskStore store;
  private final TaskLifecycle lifecycle;
  private final TaskLauncher launcher;
  private final TagService tags;
  private final TaskView view;
  private final RecordTable<RunTaskResponse> clientTokens;
  private final AwsJsonCodec codec;
  private final Pager pager = new Pager("tasks", 100, 100);

  public TaskService(
      ClusterService clusters,
      TaskDefinitionSource definitions,
      TaskStore store,
      TaskLifecycle lifecycle,
      TaskLauncher launcher,
      TagService tags,
      RecordTable<RunTaskResponse> clientTokens,
      AwsJsonCodec codec) {
    this.clusters = clusters;
    this.definitions = definitions;
    this.store = store;
    this.lifecycle = lifecycle;
    this.launcher = launcher;
    this.tags = tags;
    this.view = new TaskView(tags);
    this.clientTokens = clientTokens;
    this.codec = codec;
    tags.registerResourceType("task", arn -> store.get(arn.toString()).isPresent());
  }

  public RunTaskResponse runTask(RequestContext ctx, RunTaskRequest r) {
    TaskRequestRules.count(r.count());
    TaskRequestRules.startedBy(r.startedBy());
    TaskRequestRules.group(r.group());
    TaskRequestRules.clientToken(r.clientToken());
    TagService.validate(r.tags());
    TaskRequestRules.placement(r.placementConstraints(), r.placementStrategy());
    Cluster cluster = clusters.requireActiveOrCreateDefault(ctx, r.cluster());
    String tokenKey = r.clientToken() == null ? null : cluster.clusterArn() + "|" + r.clientToken();
    if (tokenKey != null) {
      synchronized (this) {
        Optional<RunTaskResponse> earlier = clientTokens.get(tokenKey);
        if (earlier.isPresent()) {
          return replay(earlier.get());
        }
        RunTaskResponse response = run(ctx, cluster, r);
        clientTokens.put(
            tokenKey,
            RunTaskResponse.builder()
                .tasks(
                    response.tasks().stream()
                        .map(t -> Task.builder().taskArn(t.taskArn()).build())
                        .toList())
                .failures(response.failures())
                .build());
        return response;
      }
    }
    return run(ctx, cluster, r);
  }

  private RunTaskResponse run(RequestContext ctx, Cluster cluster, RunTaskRequest r) {
    TaskDefinition def = resolveDefinition(ctx, r.taskDefinition());
    TaskRequestRules.overrides(
        def, r.overrides(), r.overrides() == null ? 0 : codec.write(r.overrides()).length);
    TaskRequestRules.executeCommand(def, r.overrides(), r.enableExecuteCommand());
    if ("SERVICE".equals(r.propagateTagsAsString())) {
      throw new InvalidParameterException("propagateTags SERVICE is only valid for services.");
    }
    TaskRequestRules.platformVersion(
        r.launchType() != null
                || r.hasCapacityProviderStrategy()
                || !cluster.defaultCapacityProviderStrategy().isEmpty()
            ? r.launchTypeAsString()
            : "EC2",
        r.platformVersion());
    ManagedEbsVolume volume = VolumeConfigurationRules.forTask(def, r.volumeConfigurations());
    TaskLauncher.Result result =
        launcher.launch(
            new TaskLauncher.Request(
                cluster,
                def,
                r.count() == null ? 1 : r.count(),
                r.launchTypeAsString(),
                r.capacityProviderStrategy(),
                withDefinitionConstraints(def, r),
                r.placementStrategy(),
                r.overrides(),
                TaskRequestRules.network(def, r.networkConfiguration()),
                r.group() != null ? r.group() : "family:" + def.family(),
                r.startedBy(),
                Boolean.TRUE.equals(r.enableExecuteCommand()),
                r.platformVersion(),
                taskTags(
                    cluster, def, r.tags(), r.propagateTagsAsString(), r.enableECSManagedTags()),
                null,
                volume));
    return RunTaskResponse.builder()
        .tasks(result.tasks().stream().map(view::full).toList())
        .failures(result.failures())
        .build();
  }

  public StartTaskResponse startTask(RequestContext ctx, StartTaskRequest r) {
    TaskRequestRules.startedBy(r.startedBy());
    TaskRequestRules.group(r.group());
    TagService.validate(r.tags());
    if (r.containerInstances().isEmpty()) {
      throw new InvalidParameterException(EcsMessages.CONTAINER_INSTANCE_EMPTY);
    }
    if (r.containerInstances().size() > 10) {
      throw new InvalidParameterException("containerInstances must have between 1 and 10 items.");
    }
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    TaskDefinition def = resolveDefinition(ctx, r.taskDefinition());
    TaskRequestRules.overrides(
        def, r.overrides(), r.overrides() == null ? 0 : codec.write(r.overrides()).length);
    TaskRequestRules.executeCommand(def, r.overrides(), r.enableExecuteCommand());
    ManagedEbsVolume volume = VolumeConfigurationRules.forTask(def, r.volumeConfigurations());
    Arn clusterArn = Arn.parse(cluster.clusterArn()).orElseThrow();
    List<String> instanceArns =
        r.containerInstances().stream()
            .map(
                ref ->
                    Arn.looksLikeArn(ref)
                        ? ref
                        : Arn.ecs(
                                ctx.scope(),
                                "container-instance",
                                clusterArn.lastSegment() + "/" + ref)
                            .toString())
            .toList();
    TaskLauncher.Result result =
        launcher.launch(
            new TaskLauncher.Request(
                cluster,
                def,
                instanceArns.size(),
                "EC2",
                List.of(),
                List.of(),
                List.of(),
                r.overrides(),
                TaskRequestRules.network(def, r.networkConfiguration()),
                r.group() != null ? r.group() : "family:" + def.family(),
                r.startedBy(),
                Boolean.TRUE.equals(r.enableExecuteCommand()),
                null,
                taskTags(
                    cluster, def, r.tags(), r.propagateTagsAsString(), r.enableECSManagedTags()),
                instanceArns,
                volume));
    return StartTaskResponse.builder()
        .tasks(result.tasks().stream().map(view::full).toList())
        .failures(result.failures())
        .build();
  }

  public StopTaskResponse stopTask(RequestContext ctx, StopTaskRequest r) {
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    if (r.task() == null || !TaskIds.wellFormed(r.task())) {
      throw new InvalidParameterException(EcsMessages.TASK_IDENTIFIER_INVALID);
    }
    Task task =
        find(cluster, r.task())
            .orElseThrow(() -> new InvalidParameterException(EcsMessages.TASK_NOT_FOUND));
    String reason =
        r.reason() == null || r.reason().isEmpty() ? StopCodes.USER_STOPPED_REASON : r.reason();
    if (reason.length() > 255) {
      throw new InvalidParameterException("reason must be at most 255 characters.");
    }
    Task stopped = lifecycle.requestStop(task.taskArn(), StopCodes.USER_INITIATED, reason);
    return StopTaskResponse.builder().task(view.full(stopped)).build();
  }

  public DescribeTasksResponse describeTasks(RequestContext ctx, DescribeTasksRequest r) {
    if (r.tasks().isEmpty()) {
      throw new InvalidParameterException(EcsMessages.TASKS_EMPTY);
    }
    if (r.tasks().size() > MAX_DESCRIBE) {
      throw new InvalidParameterException("tasks can have at most " + MAX_DESCRIBE + " items.");
    }
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    boolean withTags = r.includeAsStrings().contains("TAGS");
    List<Task> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : r.tasks()) {
      Optional<Task> task = find(cluster, ref);
      if (task.isPresent()) {
        found.add(withTags ? view.full(task.get()) : view.withoutTags(task.get()));
      } else {
        failures.add(Failure.builder().arn(taskArn(cluster, ref)).reason("MISSING").build());
      }
    }
    return DescribeTasksResponse.builder().tasks(found).failures(failures).build();
  }

  public ListTasksResponse listTasks(RequestContext ctx, ListTasksRequest r) {
    if (r.startedBy() != null
        && (r.family() != null || r.serviceName() != null || r.containerInstance() != null)) {
      throw new InvalidParameterException("startedBy must be the only filter when it is given.");
    }
    Cluster cluster = clusters.requireActive(ctx, r.cluster());
    Arn clusterArn = Arn.parse(cluster.clusterArn()).orElseThrow();
    String desired = r.desiredStatus() == null ? "RUNNING" : r.desiredStatusAsString();
    String instanceArn =
        r.containerInstance() == null
            ? null
            : Arn.looksLikeArn(r.containerInstance())
                ? r.containerInstance()
                : Arn.ecs(
                        ctx.scope(),
                        "container-instance",
                        clusterArn.lastSegment() + "/" + r.containerInstance())
                    .toString();
    String familyPrefix =
        r.family() == null
            ? null
            : Arn.ecs(ctx.scope(), "task-definition", r.family() + ":").toString();
    Predicate<Task> filter =
        t ->
            desired.equals(t.desiredStatus())
                && (instanceArn == null || instanceArn.equals(t.containerInstanceArn()))
                && (familyPrefix == null || t.taskDefinitionArn().startsWith(familyPrefix))
                && (r.startedBy() == null || r.startedBy().equals(t.startedBy()))
                && (r.serviceName() == null || ("service:" + r.serviceName()).equals(t.group()))
                && (r.launchType() == null || r.launchType() == t.launchType())
                && (r.daemonName() == null || ("daemon:" + r.daemonName()).equals(t.group()));
    // A service or daemon filter reads that group's index instead of every task of the cluster.
    NavigableMap<String, Task> candidates =
        r.serviceName() != null
            ? store.inGroup(clusterArn, "service:" + r.serviceName())
            : r.daemonName() != null
                ? store.inGroup(clusterArn, "daemon:" + r.daemonName())
                : store.inCluster(clusterArn);
    Page<String> page =
        pager.page(candidates, filter, Task::taskArn, r.maxResults(), r.nextToken());
    return ListTasksResponse.builder().taskArns(page.items()).nextToken(page.nextToken()).build();
  }

  /** A task of the cluster by id or ARN. */
  Optional<Task> find(Cluster cluster, String ref) {
    return store
        .get(taskArn(cluster, ref))
        .filter(t -> t.clusterArn().equals(cluster.clusterArn()));
  }

  static String taskArn(Cluster cluster, String ref) {
    if (Arn.looksLikeArn(ref)) {
      return ref;
    }
    return Arn.task(Arn.parse(cluster.clusterArn()).orElseThrow(), ref).toString();
  }

  private TaskDefinition resolveDefinition(RequestContext ctx, String reference) {
    TaskDefinition def =
        definitions
            .resolve(ctx.scope(), reference)
            .orElseThrow(() -> new ClientException(EcsMessages.TASK_DEFINITION_NOT_FOUND));
    TaskRequestRules.runnable(def);
    return def;
  }

  private static List<software.amazon.awssdk.services.ecs.model.PlacementConstraint>
      withDefinitionConstraints(TaskDefinition def, RunTaskRequest r) {
    List<software.amazon.awssdk.services.ecs.model.PlacementConstraint> all =
        new ArrayList<>(r.placementConstraints());
    def.placementConstraints()
        .forEach(
            c ->
                all.add(
                    software.amazon.awssdk.services.ecs.model.PlacementConstraint.builder()
                        .type(c.typeAsString())
                        .expression(c.expression())
                        .build()));
    TaskRequestRules.placement(all, List.of());
    return all;
  }

  private List<Tag> taskTags(
      Cluster cluster, TaskDefinition def, List<Tag> given, String propagate, Boolean managed) {
    List<Tag> all = new ArrayList<>();
    if ("TASK_DEFINITION".equals(propagate)) {
      all.addAll(tags.tagsOf(Arn.parse(def.taskDefinitionArn()).orElseThrow()));
    }
    all.addAll(given);
    if (Boolean.TRUE.equals(managed)) {
      all.add(Tag.builder().key("aws:ecs:clusterName").value(cluster.clusterName()).build());
    }
    return all;
  }

  private RunTaskResponse replay(RunTaskResponse earlier) {
    List<Task> tasks =
        earlier.tasks().stream()
            .map(t -> store.get(t.taskArn()).map(view::full).orElse(t))
            .toList();
    return RunTaskResponse.builder().tasks(tasks).failures(earlier.failures()).build();
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("RunTask", RunTaskRequest.class, this::runTask)
        .add("StartTask", StartTaskRequest.class, this::startTask)
        .add("StopTask", StopTaskRequest.class, this::stopTask)
        .add("DescribeTasks", DescribeTasksRequest.class, this::describeTasks)
        .add("ListTasks", ListTasksRequest.class, this::listTasks);
  }
}
