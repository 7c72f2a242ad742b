package io.kecs.ecs.capacity;

import static io.kecs.ecs.capacity.CapacityProviderIT.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityOptionType;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStatus;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.CapacityProviderType;
import software.amazon.awssdk.services.ecs.model.CapacityProviderUpdateStatus;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.CreateManagedInstancesProviderConfiguration;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;

/** Capacity providers associated with clusters, and cluster-scoped Managed Instances providers. */
class ClusterCapacityProvidersIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private final EcsClient ecs = kecs.ecs();

  private static CapacityProviderStrategyItem item(String provider, int weight, int base) {
    return CapacityProviderStrategyItem.builder()
        .capacityProvider(provider)
        .weight(weight)
        .base(base)
        .build();
  }

  @Test
  void createClusterWithProvidersAndDefaultStrategy() {
    create(ecs, "ec2-a");
    Cluster cluster =
        ecs.createCluster(
                r ->
                    r.clusterName("web")
                        .capacityProviders(
                            "FARGATE", "FARGATE_SPOT", CapacityProviderIT.ARN_PREFIX + "ec2-a")
                        .defaultCapacityProviderStrategy(
                            item("FARGATE", 1, 1), item("FARGATE_SPOT", 4, 0)))
            .cluster();
    assertThat(cluster.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT", "ec2-a");
    assertThat(cluster.defaultCapacityProviderStrategy())
        .extracting(CapacityProviderStrategyItem::capacityProvider)
        .containsExactly("FARGATE", "FARGATE_SPOT");
    assertThat(ecs.describeCapacityProviders(r -> r.cluster("web")).capacityProviders())
        .extracting(CapacityProvider::name)
        .containsExactly("FARGATE", "FARGATE_SPOT", "ec2-a");

    // An Auto Scaling group provider belongs to one cluster; Fargate ones to any number.
    assertThatThrownBy(
            () -> ecs.createCluster(r -> r.clusterName("other").capacityProviders("ec2-a")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("already associated");
    assertThat(
            ecs.createCluster(r -> r.clusterName("other").capacityProviders("FARGATE"))
                .cluster()
                .capacityProviders())
        .containsExactly("FARGATE");
  }

  @Test
  void clusterProvidersAreValidated() {
    assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("c").capacityProviders("ghost")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("was not found");
    assertThatThrownBy(
            () ->
                ecs.createCluster(
                    r ->
                        r.clusterName("c")
                            .capacityProviders("FARGATE")
                            .defaultCapacityProviderStrategy(item("FARGATE_SPOT", 1, 0))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("not associated with the cluster");
    create(ecs, "ec2-b");
    assertThatThrownBy(
            () ->
                ecs.createCluster(
                    r ->
                        r.clusterName("c")
                            .capacityProviders("FARGATE", "ec2-b")
                            .defaultCapacityProviderStrategy(
                                item("FARGATE", 1, 0), item("ec2-b", 1, 0))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("mix");
    assertThatThrownBy(
            () ->
                ecs.createCluster(
                    r ->
                        r.clusterName("c")
                            .capacityProviders("FARGATE", "FARGATE_SPOT")
                            .defaultCapacityProviderStrategy(
                                item("FARGATE", 1, 1), item("FARGATE_SPOT", 1, 1))))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("base");
    assertThatThrownBy(
            () ->
                ecs.createCluster(
                    r ->
                        r.clusterName("c")
                            .capacityProviders("FARGATE")
                            .defaultCapacityProviderStrategy(item("FARGATE", 1001, 0))))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(ecs.listClusters().clusterArns()).isEmpty();
  }

  @Test
  void putClusterCapacityProvidersAndDeleteWhileAssociated() {
    create(ecs, "ec2-c");
    ecs.createCluster(r -> r.clusterName("app"));
    Cluster put =
        ecs.putClusterCapacityProviders(
                r ->
                    r.cluster("app")
                        .capacityProviders("ec2-c")
                        .defaultCapacityProviderStrategy(item("ec2-c", 1, 2)))
            .cluster();
    assertThat(put.capacityProviders()).containsExactly("ec2-c");
    assertThat(put.defaultCapacityProviderStrategy().get(0).base()).isEqualTo(2);

    // ECS answers a delete of an associated provider with DELETE_FAILED, not an error.
    CapacityProvider failed =
        ecs.deleteCapacityProvider(r -> r.capacityProvider("ec2-c")).capacityProvider();
    assertThat(failed.status()).isEqualTo(CapacityProviderStatus.ACTIVE);
    assertThat(failed.updateStatus()).isEqualTo(CapacityProviderUpdateStatus.DELETE_FAILED);
    assertThat(failed.updateStatusReason()).contains("associated with cluster: app");
    assertThat(
            ecs.describeCapacityProviders(r -> r.capacityProviders("ec2-c"))
                .capacityProviders()
                .get(0)
                .updateStatus())
        .isEqualTo(CapacityProviderUpdateStatus.DELETE_FAILED);

    assertThatThrownBy(
            () ->
                ecs.putClusterCapacityProviders(
                    r ->
                        r.cluster("app")
                            .capacityProviders("ec2-c")
                            .defaultCapacityProviderStrategy(item("FARGATE", 1, 0))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.putClusterCapacityProviders(
                    r ->
                        r.cluster("missing")
                            .capacityProviders("FARGATE")
                            .defaultCapacityProviderStrategy(List.of())))
        .isInstanceOf(ClusterNotFoundException.class);

    ecs.putClusterCapacityProviders(
        r ->
            r.cluster("app")
                .capacityProviders("FARGATE")
                .defaultCapacityProviderStrategy(List.of()));
    CapacityProvider deleted =
        ecs.deleteCapacityProvider(r -> r.capacityProvider("ec2-c")).capacityProvider();
    assertThat(deleted.status()).isEqualTo(CapacityProviderStatus.INACTIVE);
    assertThat(deleted.updateStatus()).isEqualTo(CapacityProviderUpdateStatus.DELETE_COMPLETE);

    // Deleting a cluster releases its providers.
    create(ecs, "ec2-d");
    ecs.putClusterCapacityProviders(
        r ->
            r.cluster("app").capacityProviders("ec2-d").defaultCapacityProviderStrategy(List.of()));
    ecs.deleteCluster(r -> r.cluster("app"));
    assertThat(
            ecs.createCluster(r -> r.clusterName("next").capacityProviders("ec2-d"))
                .cluster()
                .capacityProviders())
        .containsExactly("ec2-d");
  }

  @Test
  void inactiveProvidersCannotBeAssociated() {
    create(ecs, "gone");
    ecs.deleteCapacityProvider(r -> r.capacityProvider("gone"));
    assertThatThrownBy(() -> ecs.createCluster(r -> r.clusterName("c").capacityProviders("gone")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("not in an ACTIVE state");
  }

  @Test
  void managedInstancesProvidersAreScopedToTheirCluster() {
    CreateManagedInstancesProviderConfiguration config =
        CreateManagedInstancesProviderConfiguration.builder()
            .infrastructureRoleArn("arn:aws:iam::000000000000:role/ecsInfrastructureRole")
            .instanceLaunchTemplate(
                t ->
                    t.ec2InstanceProfileArn(
                            "arn:aws:iam::000000000000:instance-profile/ecsInstanceProfile")
                        .networkConfiguration(n -> n.subnets("subnet-0b48066557a0e97ac")))
            .build();
    assertThatThrownBy(
            () -> ecs.createCapacityProvider(r -> r.name("mi").managedInstancesProvider(config)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.createCapacityProvider(
                    r -> r.name("mi").cluster("nope").managedInstancesProvider(config)))
        .isInstanceOf(ClusterNotFoundException.class);

    ecs.createCluster(r -> r.clusterName("mic"));
    CapacityProvider mi =
        ecs.createCapacityProvider(
                r -> r.name("mi").cluster("mic").managedInstancesProvider(config))
            .capacityProvider();
    assertThat(mi.type()).isEqualTo(CapacityProviderType.MANAGED_INSTANCES);
    assertThat(mi.cluster()).isEqualTo("mic");
    assertThat(mi.managedInstancesProvider().instanceLaunchTemplate().capacityOptionType())
        .isEqualTo(CapacityOptionType.ON_DEMAND);
    assertThat(ecs.describeCapacityProviders(r -> r.cluster("mic")).capacityProviders())
        .extracting(CapacityProvider::name)
        .containsExactly("mi");

    assertThatThrownBy(
            () ->
                ecs.putClusterCapacityProviders(
                    r ->
                        r.cluster("mic")
                            .capacityProviders("mi")
                            .defaultCapacityProviderStrategy(List.of())))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Managed Instances");
    // Its cluster's default strategy may use it without listing it.
    Cluster withDefault =
        ecs.putClusterCapacityProviders(
                r ->
                    r.cluster("mic")
                        .capacityProviders(List.of())
                        .defaultCapacityProviderStrategy(item("mi", 1, 0)))
            .cluster();
    assertThat(withDefault.defaultCapacityProviderStrategy()).hasSize(1);

    assertThatThrownBy(() -> ecs.deleteCluster(r -> r.cluster("mic")))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("Cluster Scoped Capacity Providers");
    assertThatThrownBy(
            () ->
                ecs.updateCapacityProvider(
                    r ->
                        r.name("mi")
                            .managedInstancesProvider(
                                u ->
                                    u.infrastructureRoleArn(config.infrastructureRoleArn())
                                        .instanceLaunchTemplate(t -> t.monitoring("DETAILED")))))
        .isInstanceOf(InvalidParameterException.class);
    CapacityProvider updated =
        ecs.updateCapacityProvider(
                r ->
                    r.name("mi")
                        .cluster("mic")
                        .managedInstancesProvider(
                            u ->
                                u.infrastructureRoleArn(config.infrastructureRoleArn())
                                    .propagateTags("CAPACITY_PROVIDER")
                                    .instanceLaunchTemplate(t -> t.monitoring("DETAILED"))))
            .capacityProvider();
    assertThat(updated.updateStatus()).isEqualTo(CapacityProviderUpdateStatus.UPDATE_COMPLETE);
    assertThat(updated.managedInstancesProvider().instanceLaunchTemplate().monitoringAsString())
        .isEqualTo("DETAILED");
    assertThat(
            updated
                .managedInstancesProvider()
                .instanceLaunchTemplate()
                .networkConfiguration()
                .subnets())
        .containsExactly("subnet-0b48066557a0e97ac");

    assertThatThrownBy(() -> ecs.deleteCapacityProvider(r -> r.capacityProvider("mi")))
        .isInstanceOf(InvalidParameterException.class);
    ecs.putClusterCapacityProviders(
        r ->
            r.cluster("mic")
                .capacityProviders(List.of())
                .defaultCapacityProviderStrategy(List.of()));
    CapacityProvider deleted =
        ecs.deleteCapacityProvider(r -> r.capacityProvider("mi").cluster("mic")).capacityProvider();
    assertThat(deleted.status()).isEqualTo(CapacityProviderStatus.INACTIVE);
    assertThat(ecs.deleteCluster(r -> r.cluster("mic")).cluster().status()).isEqualTo("INACTIVE");
  }
}
