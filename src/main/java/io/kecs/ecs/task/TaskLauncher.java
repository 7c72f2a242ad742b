package io.kecs.ecs.task;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.error.EcsMessages;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Arn;
import io.kecs.runtime.ManagedEbsVolume;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.AwsVpcConfiguration;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.PlacementConstraint;
import software.amazon.awssdk.services.ecs.model.PlacementStrategy;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskOverride;

/**
 * Places and creates tasks: the part of RunTask that services and daemons share. Decides launch
 * type and capacity provider per task, picks container instances for EC2, builds the records and
 * hands them to {@link TaskLifecycle}.
 */
public final class TaskLauncher {
  private final TaskLifecycle lifecycle;
  private final InstanceCatalog instances;
  private final TaskPlacer placer;
  private final CapacityRules capacity;
  private final TagService tags;
  private final Scheduler scheduler;

  public TaskLauncher(
      TaskLifecycle lifecycle,
      InstanceCatalog instances,
      CapacityRules capacity,
      TagService tags,
      Scheduler scheduler) {
    this.lifecycle = lifecycle;
    this.instances = instances;
    this.placer = new TaskPlacer(instances);
    this.capacity = capacity;
    this.tags = tags;
    this.scheduler = scheduler;
  }

  /** One launch request: {@code count} copies of a definition in a cluster. */
  public record Request(
      Cluster cluster,
      TaskDefinition definition,
      int count,
      String launchType,
      List<CapacityProviderStrategyItem> strategy,
      List<PlacementConstraint> constraints,
      List<PlacementStrategy> placementStrategy,
      TaskOverride overrides,
      AwsVpcConfiguration awsvpc,
      String group,
      String startedBy,
      boolean enableExecuteCommand,
      String platformVersion,
      List<Tag> tags,
      List<String> containerInstanceArns,
      ManagedEbsVolume volume) {}

  public record Result(List<Task> tasks, List<Failure> failures) {}

  public Result launch(Request r) {
    return launch(r, java.util.Map.of());
  }

  /**
   * Launches more tasks of a group that already has some, such as a service scaling out: the
   * capacity provider strategy's {@code base} and weights count the tasks it has, so the split is
   * over the total, as ECS does.
   *
   * @param alreadyByProvider the group's live tasks, counted by capacity provider name
   */
  public Result launch(Request r, java.util.Map<String, Integer> alreadyByProvider) {
    Arn cluster = Arn.parse(r.cluster().clusterArn()).orElseThrow();
    List<CapacityProviderStrategyItem> strategy = strategyFor(r);
    List<Placement> placements = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    if (r.containerInstanceArns() != null) {
      placeOnInstances(
          cluster,
          r.launchType() == null ? "EC2" : r.launchType(),
          r.definition(),
          r.containerInstanceArns(),
          placements,
          failures);
    } else if (strategy.isEmpty()) {
      placeByLaunchType(
          r,
          cluster,
          r.launchType() == null ? "EC2" : r.launchType(),
          null,
          r.count(),
          placements,
          failures);
    } else {
      capacity.validateStrategy(r.cluster(), strategy);
      int[] placed = new int[strategy.size()];
      for (int i = 0; i < strategy.size(); i++) {
        placed[i] = alreadyByProvider.getOrDefault(strategy.get(i).capacityProvider(), 0);
      }
      for (int i = 0; i < r.count(); i++) {
        int item = StrategyPicker.next(strategy, placed);
        placed[item]++;
        String provider = strategy.get(item).capacityProvider();
        placeByLaunchType(
            r,
            cluster,
            capacity.isFargate(provider) ? "FARGATE" : "EC2",
            provider,
            1,
            placements,
            failures);
      }
    }
    List<Task> tasks = new ArrayList<>();
    for (Placement p : placements) {
      checkCompatible(r.definition(), p.launchType());
      VolumeConfigurationRules.launchType(r.volume(), p.launchType());
      Placement zoned =
          p.availabilityZone() != null
              ? p
              : new Placement(
                  p.launchType(),
                  p.capacityProviderName(),
                  p.containerInstanceArn(),
                  zoneOf(cluster, r.awsvpc()));
      tasks.add(TaskFactory.create(spec(r, zoned), scheduler.now()));
    }
    if (!tasks.isEmpty()) {
      lifecycle.create(tasks, r.definition());
      if (r.tags() != null && !r.tags().isEmpty()) {
        tasks.forEach(t -> tags.setSystemTags(Arn.parse(t.taskArn()).orElseThrow(), r.tags()));
      }
    }
    return new Result(tasks, failures);
  }

  /**
   * A task as the request would launch it, but unplaced and not saved: what a runtime's workload
   * makes its template of ({@link io.kecs.runtime.ServiceWorkloads}). Of a capacity provider
   * strategy only one provider can apply to a template: the one with a base, else the heaviest.
   */
  public Task template(Request r) {
    checkCompatible(r.definition(), unplaced(r).launchType());
    return TaskFactory.create(spec(r, unplaced(r)), scheduler.now());
  }

  /**
   * Records a task the runtime's workload started for the request (the runtime chose its id and
   * host) and answers it; the runtime already runs it, so it is not launched.
   */
  public Task discovered(Request r, String taskId, String containerInstanceArn, Instant createdAt) {
    Placement p = unplaced(r);
    Placement placed =
        new Placement(
            p.launchType(), p.capacityProviderName(), containerInstanceArn, p.availabilityZone());
    if (r.containerInstanceArns() != null && containerInstanceArn != null) {
      // Tasks on instances the caller names (daemons) take the instance's provider and zone.
      Arn cluster = Arn.parse(r.cluster().clusterArn()).orElseThrow();
      for (InstanceCatalog.Candidate c : instances.candidates(cluster)) {
        if (c.containerInstanceArn().equals(containerInstanceArn)) {
          placed =
              new Placement(
                  p.launchType(),
                  c.capacityProviderName(),
                  containerInstanceArn,
                  c.availabilityZone());
        }
      }
    }
    Task task = TaskFactory.create(spec(r, placed), taskId, createdAt);
    lifecycle.discovered(task);
    if (r.tags() != null && !r.tags().isEmpty()) {
      tags.setSystemTags(Arn.parse(task.taskArn()).orElseThrow(), r.tags());
    }
    return task;
  }

  private Placement unplaced(Request r) {
    Arn cluster = Arn.parse(r.cluster().clusterArn()).orElseThrow();
    String zone = zoneOf(cluster, r.awsvpc());
    List<CapacityProviderStrategyItem> strategy = strategyFor(r);
    if (strategy.isEmpty()) {
      return new Placement(r.launchType() == null ? "EC2" : r.launchType(), null, null, zone);
    }
    CapacityProviderStrategyItem chosen =
        strategy.stream()
            .filter(i -> i.base() != null && i.base() > 0)
            .findFirst()
            .orElseGet(
                () ->
                    strategy.stream()
                        .max(
                            java.util.Comparator.comparingInt(
                                i -> i.weight() == null ? 0 : i.weight()))
                        .orElseThrow());
    String provider = chosen.capacityProvider();
    return new Placement(capacity.isFargate(provider) ? "FARGATE" : "EC2", provider, null, zone);
  }

  private static TaskFactory.Spec spec(Request r, Placement placement) {
    return new TaskFactory.Spec(
        Arn.parse(r.cluster().clusterArn()).orElseThrow(),
        r.definition(),
        placement,
        r.overrides(),
        r.awsvpc(),
        r.group(),
        r.startedBy(),
        r.enableExecuteCommand(),
        r.platformVersion(),
        r.volume());
  }

  /**
   * Tasks on instances the caller chose (StartTask, daemons): the instance's zone and capacity
   * provider when it is an ACTIVE one the catalog knows; the launch type the caller gave, else EC2.
   */
  private List<CapacityProviderStrategyItem> strategyFor(Request r) {
    if (r.launchType() != null && r.strategy() != null && !r.strategy().isEmpty()) {
      throw new InvalidParameterException(EcsMessages.LAUNCH_TYPE_AND_STRATEGY);
    }
    if (r.launchType() != null || r.containerInstanceArns() != null) {
      return List.of();
    }
    if (r.strategy() != null && !r.strategy().isEmpty()) {
      return r.strategy();
    }
    return r.cluster().defaultCapacityProviderStrategy();
  }

  private void placeByLaunchType(
      Request r,
      Arn cluster,
      String launchType,
      String provider,
      int count,
      List<Placement> placements,
      List<Failure> failures) {
    if ("FARGATE".equals(launchType)) {
      for (int i = 0; i < count; i++) {
        placements.add(new Placement("FARGATE", provider, null, null));
      }
      return;
    }
    TaskPlacer.Result result =
        placer.place(
            cluster, r.definition(), count, r.constraints(), r.placementStrategy(), provider);
    result
        .chosen()
        .forEach(
            c ->
                placements.add(
                    new Placement(
                        launchType,
                        provider != null ? provider : c.capacityProviderName(),
                        c.containerInstanceArn(),
                        c.availabilityZone())));
    failures.addAll(result.failures());
  }

  /**
   * Tasks on instances the caller chose (StartTask, DAEMON services): each must be an ACTIVE
   * instance of the cluster with room for the task.
   */
  private void placeOnInstances(
      Arn cluster,
      String launchType,
      TaskDefinition def,
      List<String> instanceArns,
      List<Placement> placements,
      List<Failure> failures) {
    java.util.Map<String, InstanceCatalog.Candidate> active = new java.util.HashMap<>();
    instances.candidates(cluster).forEach(c -> active.put(c.containerInstanceArn(), c));
    for (String arn : instanceArns) {
      InstanceCatalog.Candidate c = active.get(arn);
      String shortfall = c == null ? "MISSING" : TaskReservation.shortfall(def, c);
      if (shortfall != null) {
        failures.add(Failure.builder().arn(arn).reason(shortfall).build());
      } else {
        placements.add(
            new Placement(launchType, c.capacityProviderName(), arn, c.availabilityZone()));
      }
    }
  }

  private static void checkCompatible(TaskDefinition def, String launchType) {
    boolean compatible =
        def.compatibilitiesAsStrings().isEmpty()
            || def.compatibilitiesAsStrings().contains(launchType);
    if (!compatible) {
      throw new InvalidParameterException(
          "Task definition does not support launch_type " + launchType + ".");
    }
  }

  /**
   * KECS does not know which zone a subnet lies in; the same subnet always maps to the same zone of
   * the region (a, b or c) so tasks in one subnet agree.
   */
  private static String zoneOf(Arn cluster, AwsVpcConfiguration awsvpc) {
    String seed = awsvpc == null ? "" : awsvpc.subnets().get(0);
    return cluster.region() + (char) ('a' + Math.floorMod(seed.hashCode(), 3));
  }
}
