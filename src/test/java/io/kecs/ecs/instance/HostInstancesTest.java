package io.kecs.ecs.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.tag.TagService;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonCodec;
import io.kecs.protocol.RequestContext;
import io.kecs.runtime.HostObservation;
import io.kecs.store.Database;
import io.kecs.store.RecordTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.ListContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.RegisterContainerInstanceRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateContainerInstancesStateRequest;

/** A runtime's hosts kept as container instances of one cluster. */
class HostInstancesTest {
  private static final Scope SCOPE = new Scope("000000000000", "us-east-1");
  private final Database db = Database.inMemory();
  private final AwsJsonCodec codec = new AwsJsonCodec();
  private final TagService tags =
      new TagService(new RecordTable<>(db, codec, "tag", TagResourceRequest.class));
  private final ClusterService clusters =
      new ClusterService(
          new RecordTable<>(db, codec, "cluster", Cluster.class), tags, java.time.Instant::now);
  private final ContainerInstanceService instances =
      new ContainerInstanceService(
          new RecordTable<>(db, codec, "container-instance", ContainerInstance.class),
          clusters,
          tags);
  private final List<String> drains = new ArrayList<>();
  private final HostInstances hosts =
      new HostInstances(instances, clusters, SCOPE, "k8s", (h, d) -> drains.add(h + "=" + d));
  private final RequestContext ctx = new RequestContext("r", SCOPE);

  @AfterEach
  void close() {
    db.close();
  }

  private static HostObservation host(String id, HostObservation.Status status, int cpu) {
    return new HostObservation(
        id,
        status,
        cpu,
        8192,
        110,
        List.of("10250"),
        Map.of("ecs.instance-type", "m6i.large", "ecs.availability-zone", "us-east-1a"),
        "spot",
        "v1.31.0",
        "containerd://1.7");
  }

  private ContainerInstance only() {
    List<String> arns =
        instances
            .listContainerInstances(
                ctx, ListContainerInstancesRequest.builder().cluster("k8s").build())
            .containerInstanceArns();
    assertThat(arns).hasSize(1);
    return describe(arns.get(0));
  }

  private ContainerInstance describe(String arn) {
    return instances
        .describeContainerInstances(
            ctx,
            DescribeContainerInstancesRequest.builder()
                .cluster("k8s")
                .containerInstances(arn)
                .build())
        .containerInstances()
        .get(0);
  }

  @Test
  void aHostRegistersInItsClusterAndChangesKeepItsInstance() {
    hosts.observe(host("node-a", HostObservation.Status.READY, 2048));
    ContainerInstance first = only();
    assertThat(first.ec2InstanceId()).isEqualTo("node-a");
    assertThat(first.capacityProviderName()).isEqualTo("spot");
    assertThat(first.agentConnected()).isTrue();
    assertThat(first.versionInfo().agentVersion()).isEqualTo("v1.31.0");
    assertThat(hosts.hostOf(first.containerInstanceArn())).contains("node-a");

    hosts.observe(host("node-a", HostObservation.Status.READY, 4096));
    ContainerInstance changed = only();
    assertThat(changed.containerInstanceArn()).isEqualTo(first.containerInstanceArn());
    assertThat(changed.registeredResources().get(0).integerValue()).isEqualTo(4096);

    hosts.observe(host("node-a", HostObservation.Status.NOT_READY, 4096));
    assertThat(only().agentConnected()).isFalse();
    assertThat(
            instances
                .placementCatalog()
                .candidates(io.kecs.identity.Arn.ecs(SCOPE, "cluster", "k8s")))
        .isEmpty();

    hosts.observe(HostObservation.gone("node-a"));
    assertThat(describe(first.containerInstanceArn()).status()).isEqualTo("INACTIVE");
    assertThat(hosts.hostOf(first.containerInstanceArn())).isEmpty();
  }

  @Test
  void drainingOnlyReachesTheRuntimeForItsOwnHosts() {
    hosts.observe(host("node-b", HostObservation.Status.READY, 2048));
    String arn = only().containerInstanceArn();
    clusters.createCluster(
        ctx,
        software.amazon.awssdk.services.ecs.model.CreateClusterRequest.builder()
            .clusterName("other")
            .build());
    String foreign =
        instances
            .registerContainerInstance(
                ctx,
                RegisterContainerInstanceRequest.builder()
                    .cluster("other")
                    .instanceIdentityDocument("{\"instanceId\":\"node-b\"}")
                    .build())
            .containerInstance()
            .containerInstanceArn();
    InstanceStateService states = new InstanceStateService(instances);
    states.updateContainerInstancesState(
        ctx,
        UpdateContainerInstancesStateRequest.builder()
            .cluster("k8s")
            .containerInstances(arn)
            .status("DRAINING")
            .build());
    states.updateContainerInstancesState(
        ctx,
        UpdateContainerInstancesStateRequest.builder()
            .cluster("other")
            .containerInstances(foreign)
            .status("DRAINING")
            .build());
    assertThat(drains).containsExactly("node-b=true");
    assertThat(hosts.hostOf(foreign)).isEmpty();
  }
}
