package io.kecs.ecs;

import io.kecs.ecs.attribute.AttributeService;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.instance.AgentService;
import io.kecs.ecs.instance.ContainerInstanceService;
import io.kecs.ecs.instance.InstanceStateService;
import io.kecs.ecs.tag.TagService;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.AwsJsonService;
import io.kecs.server.ServerConfig;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.net.URI;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAttributesRequest;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.DiscoverPollEndpointRequest;
import software.amazon.awssdk.services.ecs.model.ListAttributesRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecs.model.PutAttributesRequest;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.SubmitAttachmentStateChangesRequest;
import software.amazon.awssdk.services.ecs.model.SubmitContainerStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.SubmitTaskStateChangeRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsRequest;
import software.amazon.awssdk.services.ecs.model.UpdateContainerAgentRequest;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateRequest;

/** The ECS API: builds the aggregates over the store and binds every operation to one. */
public final class EcsApi {
  public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";

  private final AwsJsonService service;

  /** An API that does not know where it is served (DiscoverPollEndpoint names the default port). */
  public EcsApi(Database db, AwsJsonCodec codec) {
    this(db, codec, () -> URI.create("http://localhost:" + ServerConfig.DEFAULT_PORT));
  }

  /**
   * @param endpoint the URL the API is served at, for answers that point agents back to KECS
   */
  public EcsApi(Database db, AwsJsonCodec codec, Supplier<URI> endpoint) {
    TagService tags = new TagService(new RecordTable<>(db, codec, "tag", TagResourceRequest.class));
    ClusterService clusters =
        new ClusterService(new RecordTable<>(db, codec, "cluster", Cluster.class), tags);

    ContainerInstanceService instances =
        new ContainerInstanceService(
            new RecordTable<>(db, codec, "container-instance", ContainerInstance.class),
            clusters,
            tags);
    clusters.connectUsage(instances::countsOf);
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

    NotYetServed.register(
        service,
        // task definitions
        "RegisterTaskDefinition",
        "DescribeTaskDefinition",
        "DeregisterTaskDefinition",
        "DeleteTaskDefinitions",
        "ListTaskDefinitions",
        "ListTaskDefinitionFamilies",
        "RegisterDaemonTaskDefinition",
        "DescribeDaemonTaskDefinition",
        "DeleteDaemonTaskDefinition",
        "ListDaemonTaskDefinitions",
        // capacity providers
        "CreateCapacityProvider",
        "UpdateCapacityProvider",
        "DeleteCapacityProvider",
        "DescribeCapacityProviders",
        // account settings
        "PutAccountSetting",
        "PutAccountSettingDefault",
        "DeleteAccountSetting",
        "ListAccountSettings",
        // tasks
        "RunTask",
        "StartTask",
        "StopTask",
        "DescribeTasks",
        "ListTasks",
        "GetTaskProtection",
        "UpdateTaskProtection",
        "ExecuteCommand",
        // services, deployments, task sets
        "CreateService",
        "UpdateService",
        "DeleteService",
        "DescribeServices",
        "ListServices",
        "ListServicesByNamespace",
        "ListServiceDeployments",
        "DescribeServiceDeployments",
        "StopServiceDeployment",
        "ContinueServiceDeployment",
        "DescribeServiceRevisions",
        "CreateTaskSet",
        "UpdateTaskSet",
        "DeleteTaskSet",
        "DescribeTaskSets",
        "UpdateServicePrimaryTaskSet",
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

  public AwsJsonService service() {
    return service;
  }
}
