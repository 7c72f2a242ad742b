package io.kecs.ecs;

import io.kecs.clock.Scheduler;
import io.kecs.ecs.attribute.AttributeService;
import io.kecs.ecs.capacity.CapacityProviderService;
import io.kecs.ecs.cluster.ClusterListener;
import io.kecs.ecs.cluster.ClusterService;
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
import io.kecs.ecs.task.TaskLauncher;
import io.kecs.ecs.task.TaskLifecycle;
import io.kecs.ecs.task.TaskProtectionService;
import io.kecs.ecs.task.TaskService;
import io.kecs.ecs.task.TaskStore;
import io.kecs.ecs.taskdef.DaemonTaskDefinitionService;
import io.kecs.ecs.taskdef.TaskDefinitionService;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.AwsJsonService;
import io.kecs.runtime.TaskRuntime;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContinueServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.CreateCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.CreateServiceRequest;
import software.amazon.awssdk.services.ecs.model.CreateTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.DeleteAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAttributesRequest;
import software.amazon.awssdk.services.ecs.model.DeleteCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteDaemonTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DeleteServiceRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeDaemonTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskSetsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTasksRequest;
import software.amazon.awssdk.services.ecs.model.DiscoverPollEndpointRequest;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandRequest;
import software.amazon.awssdk.services.ecs.model.GetTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsRequest;
import software.amazon.awssdk.services.ecs.model.ListAttributesRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.ListDaemonTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesByNamespaceRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListTasksRequest;
import software.amazon.awssdk.services.ecs.model.ProtectedTask;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingDefaultRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.PutAttributesRequest;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.RegisterDaemonTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.StartTaskRequest;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.StopTaskRequest;
import software.amazon.awssdk.services.ecs.model.SubmitAttachmentStateChangesRequest;
import software.amazon.awssdk.services.ecs.model.SubmitContainerStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.SubmitTaskStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateCapacityProviderRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsRequest;
import software.amazon.awssdk.services.ecs.model.UpdateContainerAgentRequest;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServicePrimaryTaskSetRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskProtectionRequest;
import software.amazon.awssdk.services.ecs.model.UpdateTaskSetRequest;

/** The ECS API: builds the aggregates over the store and binds every operation to one. */
public final class EcsApi {
  public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";

  private final AwsJsonService service;

  private final TaskLifecycle taskLifecycle;
  private final Services services;
  private final TaskRuntime runtime;
  private final ClusterService clusters;
  private final ContainerInstanceService instances;
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
    TagService tags = new TagService(new RecordTable<>(db, codec, "tag", TagResourceRequest.class));
    clusters = new ClusterService(new RecordTable<>(db, codec, "cluster", Cluster.class), tags);
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
    TaskStore taskStore = new TaskStore(new RecordTable<>(db, codec, "task", Task.class));
    taskLifecycle = new TaskLifecycle(taskStore, runtime, definitions, scheduler);
    TaskCounts taskCounts = new TaskCounts(taskStore);
    db.onReset(taskCounts::clear);
    taskLifecycle.addListener(taskCounts);
    InstanceLoad instanceLoad = new InstanceLoad(taskStore);
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
            scheduler);
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
            scheduler);
    capacityProviders.connectUsage(services::usesCapacityProvider);
    clusters.connectUsage(
        c -> instances.countsOf(c).plus(taskCounts.countsOf(c)).plus(services.countsOf(c)));
    ServiceService serviceApi = services.api();
    ServiceDeploymentService serviceDeployments = services.deployments();

    InstanceStateService instanceStates = new InstanceStateService(instances);
    AgentService agents = new AgentService(instances, endpoint);
    AttributeService attributes = new AttributeService(clusters, instances.attributeTargets());

    service = new AwsJsonService(TARGET_PREFIX, codec, "InvalidParameterException");
    service
        .add("CreateCluster", CreateClusterRequest.class, clusters::createCluster)
        .add("DescribeClusters", DescribeClustersRequest.class, clusters::describeClusters)
        .add("ListClusters", ListClustersRequest.class, clusters::listClusters)
        .add("UpdateCluster", UpdateClusterRequest.class, clusters::updateCluster)
        .add(
            "UpdateClusterSettings",
            UpdateClusterSettingsRequest.class,
            clusters::updateClusterSettings)
        .add(
            "PutClusterCapacityProviders",
            PutClusterCapacityProvidersRequest.class,
            clusters::putClusterCapacityProviders)
        .add("DeleteCluster", DeleteClusterRequest.class, clusters::deleteCluster);
    service
        .add("TagResource", TagResourceRequest.class, tags::tagResource)
        .add("UntagResource", UntagResourceRequest.class, tags::untagResource)
        .add("ListTagsForResource", ListTagsForResourceRequest.class, tags::listTagsForResource);
    service
        .add(
            "CreateCapacityProvider",
            CreateCapacityProviderRequest.class,
            capacityProviders::createCapacityProvider)
        .add(
            "UpdateCapacityProvider",
            UpdateCapacityProviderRequest.class,
            capacityProviders::updateCapacityProvider)
        .add(
            "DeleteCapacityProvider",
            DeleteCapacityProviderRequest.class,
            capacityProviders::deleteCapacityProvider)
        .add(
            "DescribeCapacityProviders",
            DescribeCapacityProvidersRequest.class,
            capacityProviders::describeCapacityProviders);
    service
        .add("PutAccountSetting", PutAccountSettingRequest.class, settings::putAccountSetting)
        .add(
            "PutAccountSettingDefault",
            PutAccountSettingDefaultRequest.class,
            settings::putAccountSettingDefault)
        .add(
            "DeleteAccountSetting",
            DeleteAccountSettingRequest.class,
            settings::deleteAccountSetting)
        .add(
            "ListAccountSettings", ListAccountSettingsRequest.class, settings::listAccountSettings);

    service
        .add("RunTask", RunTaskRequest.class, tasks::runTask)
        .add("StartTask", StartTaskRequest.class, tasks::startTask)
        .add("StopTask", StopTaskRequest.class, tasks::stopTask)
        .add("DescribeTasks", DescribeTasksRequest.class, tasks::describeTasks)
        .add("ListTasks", ListTasksRequest.class, tasks::listTasks)
        .add("GetTaskProtection", GetTaskProtectionRequest.class, protection::getTaskProtection)
        .add(
            "UpdateTaskProtection",
            UpdateTaskProtectionRequest.class,
            protection::updateTaskProtection)
        .add("ExecuteCommand", ExecuteCommandRequest.class, exec::executeCommand);
    service
        .add(
            "RegisterContainerInstance",
            RegisterContainerInstanceRequest.class,
            instances::registerContainerInstance)
        .add(
            "DeregisterContainerInstance",
            DeregisterContainerInstanceRequest.class,
            instances::deregisterContainerInstance)
        .add(
            "DescribeContainerInstances",
            DescribeContainerInstancesRequest.class,
            instances::describeContainerInstances)
        .add(
            "ListContainerInstances",
            ListContainerInstancesRequest.class,
            instances::listContainerInstances)
        .add(
            "UpdateContainerInstancesState",
            UpdateContainerInstancesStateRequest.class,
            instanceStates::updateContainerInstancesState)
        .add(
            "UpdateContainerAgent",
            UpdateContainerAgentRequest.class,
            instanceStates::updateContainerAgent)
        .add(
            "DiscoverPollEndpoint", DiscoverPollEndpointRequest.class, agents::discoverPollEndpoint)
        .add(
            "SubmitTaskStateChange",
            SubmitTaskStateChangeRequest.class,
            agents::submitTaskStateChange)
        .add(
            "SubmitContainerStateChange",
            SubmitContainerStateChangeRequest.class,
            agents::submitContainerStateChange)
        .add(
            "SubmitAttachmentStateChanges",
            SubmitAttachmentStateChangesRequest.class,
            agents::submitAttachmentStateChanges);
    service
        .add("PutAttributes", PutAttributesRequest.class, attributes::putAttributes)
        .add("DeleteAttributes", DeleteAttributesRequest.class, attributes::deleteAttributes)
        .add("ListAttributes", ListAttributesRequest.class, attributes::listAttributes);

    service
        .add(
            "RegisterTaskDefinition",
            RegisterTaskDefinitionRequest.class,
            taskDefinitions::registerTaskDefinition)
        .add(
            "DescribeTaskDefinition",
            DescribeTaskDefinitionRequest.class,
            taskDefinitions::describeTaskDefinition)
        .add(
            "DeregisterTaskDefinition",
            DeregisterTaskDefinitionRequest.class,
            taskDefinitions::deregisterTaskDefinition)
        .add(
            "DeleteTaskDefinitions",
            DeleteTaskDefinitionsRequest.class,
            taskDefinitions::deleteTaskDefinitions)
        .add(
            "ListTaskDefinitions",
            ListTaskDefinitionsRequest.class,
            taskDefinitions::listTaskDefinitions)
        .add(
            "ListTaskDefinitionFamilies",
            ListTaskDefinitionFamiliesRequest.class,
            taskDefinitions::listTaskDefinitionFamilies)
        .add(
            "RegisterDaemonTaskDefinition",
            RegisterDaemonTaskDefinitionRequest.class,
            daemonTaskDefinitions::registerDaemonTaskDefinition)
        .add(
            "DescribeDaemonTaskDefinition",
            DescribeDaemonTaskDefinitionRequest.class,
            daemonTaskDefinitions::describeDaemonTaskDefinition)
        .add(
            "DeleteDaemonTaskDefinition",
            DeleteDaemonTaskDefinitionRequest.class,
            daemonTaskDefinitions::deleteDaemonTaskDefinition)
        .add(
            "ListDaemonTaskDefinitions",
            ListDaemonTaskDefinitionsRequest.class,
            daemonTaskDefinitions::listDaemonTaskDefinitions);

    service
        .add("CreateService", CreateServiceRequest.class, serviceApi::createService)
        .add("UpdateService", UpdateServiceRequest.class, serviceApi::updateService)
        .add("DeleteService", DeleteServiceRequest.class, serviceApi::deleteService)
        .add("DescribeServices", DescribeServicesRequest.class, serviceApi::describeServices)
        .add("ListServices", ListServicesRequest.class, serviceApi::listServices)
        .add(
            "ListServicesByNamespace",
            ListServicesByNamespaceRequest.class,
            serviceApi::listServicesByNamespace)
        .add(
            "ListServiceDeployments",
            ListServiceDeploymentsRequest.class,
            serviceDeployments::listServiceDeployments)
        .add(
            "DescribeServiceDeployments",
            DescribeServiceDeploymentsRequest.class,
            serviceDeployments::describeServiceDeployments)
        .add(
            "StopServiceDeployment",
            StopServiceDeploymentRequest.class,
            serviceDeployments::stopServiceDeployment)
        .add(
            "ContinueServiceDeployment",
            ContinueServiceDeploymentRequest.class,
            serviceDeployments::continueServiceDeployment)
        .add(
            "DescribeServiceRevisions",
            DescribeServiceRevisionsRequest.class,
            serviceDeployments::describeServiceRevisions);

    TaskSetService taskSets = services.taskSets();
    service
        .add("CreateTaskSet", CreateTaskSetRequest.class, taskSets::createTaskSet)
        .add("UpdateTaskSet", UpdateTaskSetRequest.class, taskSets::updateTaskSet)
        .add("DeleteTaskSet", DeleteTaskSetRequest.class, taskSets::deleteTaskSet)
        .add("DescribeTaskSets", DescribeTaskSetsRequest.class, taskSets::describeTaskSets)
        .add(
            "UpdateServicePrimaryTaskSet",
            UpdateServicePrimaryTaskSetRequest.class,
            taskSets::updateServicePrimaryTaskSet);

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

    NotYetServed.register(
        service,
        // daemons and express gateway services
        "CreateDaemon",
        "UpdateDaemon",
        "DeleteDaemon",
        "DescribeDaemon",
        "ListDaemons",
        "DescribeDaemonDeployments",
        "ListDaemonDeployments",
        "DescribeDaemonRevisions",
        "CreateExpressGatewayService",
        "UpdateExpressGatewayService",
        "DeleteExpressGatewayService",
        "DescribeExpressGatewayService");
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
   */
  public void start(Duration stoppedTaskRetention) {
    if (hosts != null) {
      runtime.watchHosts(hosts);
    }
    clusters.activeClusters().forEach(c -> runtime.clusterCreated(c.clusterArn()));
    taskLifecycle.start(stoppedTaskRetention);
    services.start();
  }

  public AwsJsonService service() {
    return service;
  }
}
