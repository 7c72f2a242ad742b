package io.kecs.ecs;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.attribute.AttributeService;
import io.kecs.ecs.capacity.CapacityProviderService;
import io.kecs.ecs.cluster.ClusterListener;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.daemon.DaemonDeploymentService;
import io.kecs.ecs.daemon.DaemonService;
import io.kecs.ecs.daemon.DaemonTaskDefinitions;
import io.kecs.ecs.daemon.Daemons;
import io.kecs.ecs.express.ExpressService;
import io.kecs.ecs.instance.AgentService;
import io.kecs.ecs.instance.ContainerInstanceService;
import io.kecs.ecs.instance.HostInstances;
import io.kecs.ecs.instance.InstanceStateService;
import io.kecs.ecs.instance.InstanceUsage;
import io.kecs.ecs.service.ServiceDeploymentService;
import io.kecs.ecs.service.ServiceService;
import io.kecs.ecs.service.Services;
import io.kecs.ecs.service.TaskSetService;
import io.kecs.ecs.setting.AccountSettingService;
import io.kecs.ecs.setting.SettingRules;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.task.ExecuteCommandService;
import io.kecs.ecs.task.InstanceLoad;
import io.kecs.ecs.task.TaskCounts;
import io.kecs.ecs.task.TaskDefinitionSource;
import io.kecs.ecs.task.TaskDirectory;
import io.kecs.ecs.task.TaskLauncher;
import io.kecs.ecs.task.TaskLifecycle;
import io.kecs.ecs.task.TaskProtectionService;
import io.kecs.ecs.task.TaskService;
import io.kecs.ecs.task.TaskStabilization;
import io.kecs.ecs.task.TaskStore;
import io.kecs.ecs.taskdef.DaemonTaskDefinitionService;
import io.kecs.ecs.taskdef.TaskDefinitionService;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.AwsJsonModule;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.ServiceModule;
import io.kecs.runtime.SharedWorkloads;
import io.kecs.runtime.TaskRuntime;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/** The ECS API: builds the aggregates over the store and binds every operation to one. */
public final class EcsApi {
  public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";
  public static final String SIGNING_NAME = "ecs";

  private final AwsJsonService service;
  private final ServiceModule module;

  private final TaskLifecycle taskLifecycle;
  private final Services services;
  private final TaskRuntime runtime;
  private final io.kecs.store.ResetGate gate;
  private final ClusterService clusters;
  private final ContainerInstanceService instances;
  private final Daemons daemons;
  private final TaskStabilization stabilization;
  private final TaskDirectory taskDirectory;
  private HostInstances hosts;

  /**
   * @param endpoint the URL the API is served at, for answers that point agents back to KECS
   */
  public EcsApi(
      Database db,
      AwsJsonCodec codec,
      Scheduler scheduler,
      TaskRuntime runtime,
      Supplier<URI> endpoint) {
    this.runtime = runtime;
    this.gate = db.gate();
    TagService tags = new TagService(new RecordTable<>(db, codec, "tag", TagResourceRequest.class));
    clusters =
        new ClusterService(
            new RecordTable<>(db, codec, "cluster", Cluster.class), tags, scheduler::now);
    CapacityProviderService capacityProviders =
        new CapacityProviderService(
            new RecordTable<>(db, codec, "capacity-provider", CapacityProvider.class),
            tags,
            clusters);
    clusters.connectCapacityProviders(capacityProviders.catalog());
    // Before the settings table loads: stored settings may carry this name too.
    codec.acceptEnumValues(SettingName.class, SettingRules.DUAL_STACK_IPV6);
    AccountSettingService settings =
        new AccountSettingService(new RecordTable<>(db, codec, "account-setting", Setting.class));
    clusters.connectAccountSettings(
        scope -> settings.effectiveValue(scope, null, "containerInsights"));

    TaskDefinitionService taskDefinitions =
        new TaskDefinitionService(
            new RecordTable<>(db, codec, "task-definition", TaskDefinition.class), tags);
    DaemonTaskDefinitionService daemonTaskDefinitions =
        new DaemonTaskDefinitionService(
            new RecordTable<>(db, codec, "daemon-task-definition", DaemonTaskDefinition.class),
            tags);
    instances =
        new ContainerInstanceService(
            new RecordTable<>(db, codec, "container-instance", ContainerInstance.class),
            clusters,
            tags);
    TaskDefinitionSource definitions = TaskDefinitionSource.of(taskDefinitions::resolve);
    // Tasks may run daemon task definitions too (daemon tasks); requests still resolve only task
    // definitions.
    TaskDefinitionSource runnable =
        DaemonTaskDefinitions.withDaemons(definitions, daemonTaskDefinitions);
    stabilization = new TaskStabilization(scheduler);
    TaskStore taskStore = new TaskStore(new RecordTable<>(db, codec, "task", Task.class));
    taskLifecycle = new TaskLifecycle(taskStore, runtime, runnable, scheduler, db.gate());
    db.onReset(taskStore::clearIndexes);
    taskDirectory = TaskDirectory.of(taskStore, runnable, tags);
    TaskCounts taskCounts = new TaskCounts(taskStore);
    db.onReset(taskCounts::clear);
    taskLifecycle.addListener(taskCounts);
    InstanceLoad instanceLoad = new InstanceLoad(taskStore, runnable);
    db.onReset(instanceLoad::clear);
    taskLifecycle.addListener(instanceLoad);
    instances.connectUsage(
        arn -> {
          InstanceLoad.Load l = instanceLoad.of(arn.toString());
          return new InstanceUsage.Usage(
              l.runningTasks(),
              l.pendingTasks(),
              l.cpu(),
              l.memory(),
              l.tcpPorts(),
              l.udpPorts(),
              l.groups());
        });
    TaskLauncher launcher =
        new TaskLauncher(
            taskLifecycle,
            instances.placementCatalog(),
            capacityProviders.placementRules(),
            tags,
            scheduler);
    TaskService tasks =
        new TaskService(
            clusters,
            definitions,
            taskStore,
            taskLifecycle,
            launcher,
            tags,
            new RecordTable<>(db, codec, "run-task-token", RunTaskResponse.class),
            codec);
    TaskProtectionService protection =
        new TaskProtectionService(
            clusters,
            tasks,
            new RecordTable<>(db, codec, "task-protection", ProtectedTask.class),
            scheduler,
            runtime::protect);
    ExecuteCommandService exec = new ExecuteCommandService(clusters, tasks);
    taskLifecycle.addForgetListener(
        arns -> arns.forEach(arn -> tags.forget(io.kecs.identity.Arn.parse(arn).orElseThrow())));
    taskLifecycle.addForgetListener(protection::forget);
    services =
        new Services(
            db,
            codec,
            clusters,
            definitions,
            capacityProviders.placementRules(),
            taskStore,
            taskLifecycle,
            launcher,
            protection,
            tags,
            scheduler,
            stabilization);
    daemons =
        new Daemons(
            db,
            codec,
            clusters,
            daemonTaskDefinitions,
            capacityProviders,
            taskStore,
            taskLifecycle,
            launcher,
            runnable,
            tags,
            scheduler);
    services.connectInstances(instances.placementCatalog());
    daemons.connectInstances(instances.placementCatalog());
    instances.onChange(
        cluster -> {
          services.instancesChanged(cluster);
          daemons.instancesChanged(cluster);
        });
    capacityProviders.connectUsage(
        (cluster, provider) ->
            services.usesCapacityProvider(cluster, provider)
                || daemons.usesCapacityProvider(cluster, provider));
    clusters.connectUsage(
        c -> instances.countsOf(c).plus(taskCounts.countsOf(c)).plus(services.countsOf(c)));
    ServiceService serviceApi = services.api();
    ServiceDeploymentService serviceDeployments = services.deployments();

    InstanceStateService instanceStates = new InstanceStateService(instances);
    AgentService agents = new AgentService(instances, endpoint);
    AttributeService attributes = new AttributeService(clusters, instances.attributeTargets());

    service = new AwsJsonService(TARGET_PREFIX, codec, "InvalidParameterException");
    module = new AwsJsonModule(SIGNING_NAME, service, codec);

    TaskSetService taskSets = services.taskSets();

    DaemonService daemonApi = daemons.api();
    DaemonDeploymentService daemonDeployments = daemons.deployments();

    ExpressService express =
        new ExpressService(db, codec, clusters, taskDefinitions, services, tags, scheduler);

    clusters.bind(service);
    tags.bind(service);
    capacityProviders.bind(service);
    settings.bind(service);
    tasks.bind(service);
    protection.bind(service);
    exec.bind(service);
    instances.bind(service);
    instanceStates.bind(service);
    agents.bind(service);
    attributes.bind(service);
    taskDefinitions.bind(service);
    daemonTaskDefinitions.bind(service);
    serviceApi.bind(service);
    serviceDeployments.bind(service);
    taskSets.bind(service);
    daemonApi.bind(service);
    daemonDeployments.bind(service);
    express.bind(service);

    clusters.addListener(
        new ClusterListener() {
          @Override
          public void clusterCreated(Cluster cluster) {
            runtime.clusterCreated(cluster.clusterArn());
          }

          @Override
          public void clusterDeleted(Cluster cluster) {
            runtime.clusterDeleted(cluster.clusterArn());
          }
        });
    // Last, so the tables are empty by the time the runtime reports its hosts again.
    db.onReset(runtime::reset);
  }

  /**
   * Keeps a container instance for each of the runtime's own hosts (Kubernetes nodes) in the
   * cluster {@code clusterName} of {@code scope}; call before {@link #start}.
   */
  public void registerHostsIn(Scope scope, String clusterName) {
    hosts = new HostInstances(instances, clusters, scope, clusterName, runtime::drainHost);
  }

  /**
   * Starts the runtime's host reports, tells it of the clusters that exist, then starts the task
   * lifecycle: adopts live tasks, begins retention of STOPPED ones.
   *
   * @param taskStabilization how long service tasks must stay RUNNING before they count as healthy
   *     ({@link TaskStabilization}; ECS waits 40 seconds)
   */
  public void start(Duration stoppedTaskRetention, Duration taskStabilization) {
    stabilization.window(taskStabilization);
    if (hosts != null) {
      runtime.watchHosts(hosts);
    }
    clusters.activeClusters().forEach(c -> runtime.clusterCreated(c.clusterArn()));
    runtime
        .workloads()
        .map(w -> new SharedWorkloads(w, gate))
        .ifPresent(
            w -> {
              services.useWorkloads(w.of("service"), hosts);
              daemons.useWorkloads(w.of("daemon"), hosts);
            });
    taskLifecycle.start(stoppedTaskRetention);
    services.start();
    daemons.start();
  }

  /**
   * Wires the service registries (Cloud Map): ECS then checks {@code serviceRegistries}, registers
   * service tasks, and makes Service Connect namespaces and discovery names. Call before {@link
   * #start}.
   */
  public void connectRegistries(io.kecs.registry.ServiceRegistries registries) {
    services.registries().connect(registries);
    clusters.connectNamespaces(registries::namespaceOrCreate);
  }

  /**
   * Wires Elastic Load Balancing, through which services with {@code loadBalancers} validate their
   * target groups and register their tasks; call before {@link #start}.
   */
  public void connectLoadBalancers(io.kecs.registry.LoadBalancerTargets loadBalancers) {
    services.connectLoadBalancers(loadBalancers);
  }

  /** Counts over every account and region, cheap enough for a status endpoint. */
  public ClusterService.Totals totals() {
    return clusters.totals();
  }

  /** Tasks by id, for the agent's endpoints (metadata, credentials) inside tasks. */
  public TaskDirectory taskDirectory() {
    return taskDirectory;
  }

  /** ECS as a gateway module: awsJson 1.1, signing name {@code ecs}. */
  public ServiceModule module() {
    return module;
  }

  /** The accounts and regions that hold an ACTIVE cluster. */
  public java.util.Set<Scope> scopes() {
    java.util.Set<Scope> scopes = new java.util.HashSet<>();
    for (Cluster c : clusters.activeClusters()) {
      io.kecs.identity.Arn.parse(c.clusterArn()).ifPresent(a -> scopes.add(a.scope()));
    }
    return scopes;
  }

  public AwsJsonService service() {
    return service;
  }
}
