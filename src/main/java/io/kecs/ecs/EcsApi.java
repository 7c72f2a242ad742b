package io.kecs.ecs;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.tag.TagService;
import io.kecs.ecs.taskdef.DaemonTaskDefinitionService;
import io.kecs.ecs.taskdef.TaskDefinitionService;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.AwsJsonService;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;
import software.amazon.awssdk.services.ecs.model.DaemonTaskDefinition;
import software.amazon.awssdk.services.ecs.model.DeleteClusterRequest;
import software.amazon.awssdk.services.ecs.model.DeleteDaemonTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.DeregisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeClustersRequest;
import software.amazon.awssdk.services.ecs.model.DescribeDaemonTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.DescribeTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.ListClustersRequest;
import software.amazon.awssdk.services.ecs.model.ListDaemonTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionFamiliesRequest;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsRequest;
import software.amazon.awssdk.services.ecs.model.PutClusterCapacityProvidersRequest;
import software.amazon.awssdk.services.ecs.model.RegisterDaemonTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterRequest;
import software.amazon.awssdk.services.ecs.model.UpdateClusterSettingsRequest;

/** The ECS API: builds the aggregates over the store and binds every operation to one. */
public final class EcsApi {
  public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";

  private final AwsJsonService service;

  public EcsApi(Database db, AwsJsonCodec codec) {
    TagService tags = new TagService(new RecordTable<>(db, codec, "tag", TagResourceRequest.class));
    ClusterService clusters =
        new ClusterService(new RecordTable<>(db, codec, "cluster", Cluster.class), tags);
    TaskDefinitionService taskDefinitions =
        new TaskDefinitionService(
            new RecordTable<>(db, codec, "task-definition", TaskDefinition.class), tags);
    DaemonTaskDefinitionService daemonTaskDefinitions =
        new DaemonTaskDefinitionService(
            new RecordTable<>(db, codec, "daemon-task-definition", DaemonTaskDefinition.class),
            tags);

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

    NotYetServed.register(
        service,
        // capacity providers
        "CreateCapacityProvider",
        "UpdateCapacityProvider",
        "DeleteCapacityProvider",
        "DescribeCapacityProviders",
        // container instances and agent calls
        "RegisterContainerInstance",
        "DeregisterContainerInstance",
        "DescribeContainerInstances",
        "ListContainerInstances",
        "UpdateContainerInstancesState",
        "UpdateContainerAgent",
        "DiscoverPollEndpoint",
        "SubmitTaskStateChange",
        "SubmitContainerStateChange",
        "SubmitAttachmentStateChanges",
        // attributes and account settings
        "PutAttributes",
        "DeleteAttributes",
        "ListAttributes",
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
