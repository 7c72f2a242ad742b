package io.kecs.ecs.capacity;

import io.kecs.ecs.cluster.CapacityProviderCatalog;
import io.kecs.ecs.cluster.ClusterService;
import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.ecs.error.ResourceInUseException;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * The rules for associating capacity providers with clusters (CreateCluster and
 * PutClusterCapacityProviders). Associations live in the cluster records; this only reads them.
 */
final class ClusterProviderRules implements CapacityProviderCatalog {
  /** ECS's quota of capacity providers associated with one cluster. */
  static final int MAX_PER_CLUSTER = 20;

  private final CapacityProviderStore store;
  private final ClusterService clusters;
  private volatile CapacityProviderUsage usage = CapacityProviderUsage.NONE;

  ClusterProviderRules(CapacityProviderStore store, ClusterService clusters) {
    this.store = store;
    this.clusters = clusters;
  }

  void connectUsage(CapacityProviderUsage usage) {
    this.usage = usage;
  }

  CapacityProviderUsage usage() {
    return usage;
  }

  /** Checks a strategy that is about to place tasks in this cluster (RunTask, services). */
  void checkPlacementStrategy(Cluster cluster, List<CapacityProviderStrategyItem> strategy) {
    Arn arn = Arn.parse(cluster.clusterArn()).orElseThrow();
    Set<String> available = new LinkedHashSet<>(cluster.capacityProviders());
    store.activeScopedTo(arn.scope(), arn.lastSegment()).forEach(p -> available.add(p.name()));
    CapacityProviderStrategyValidator.validateForPlacement(strategy, available);
  }

  @Override
  public List<String> checkClusterProviders(
      Arn cluster, List<String> providers, List<CapacityProviderStrategyItem> defaultStrategy) {
    Scope scope = cluster.scope();
    synchronized (store) {
      Set<String> names = new LinkedHashSet<>();
      for (String given : providers == null ? List.<String>of() : providers) {
        names.add(checkAssociable(scope, cluster, given));
      }
      if (names.size() > MAX_PER_CLUSTER) {
        throw new InvalidParameterException(
            "The maximum number of capacity providers per cluster has been exceeded.");
      }
      Set<String> available = new LinkedHashSet<>(names);
      store.activeScopedTo(scope, cluster.lastSegment()).forEach(p -> available.add(p.name()));
      CapacityProviderStrategyValidator.validate(defaultStrategy, available);
      return new ArrayList<>(names);
    }
  }

  @Override
  public void checkRemovable(Arn cluster, List<String> removed) {
    for (String name : removed) {
      if (usage.inUse(cluster, name)) {
        throw new ResourceInUseException(
            "The specified capacity provider is in use and cannot be removed.");
      }
    }
  }

  @Override
  public void checkDeletable(Arn cluster) {
    synchronized (store) {
      if (!store.activeScopedTo(cluster.scope(), cluster.lastSegment()).isEmpty()) {
        throw new ClientException(
            "The Cluster cannot be deleted while Cluster Scoped Capacity Providers are attached to"
                + " the cluster.");
      }
    }
  }

  /** The ACTIVE cluster whose capacity providers include this provider, if any. */
  Optional<Cluster> associatedCluster(Scope scope, String provider) {
    return clusters.activeClusters(scope).stream()
        .filter(c -> c.capacityProviders().contains(provider))
        .findFirst();
  }

  private String checkAssociable(Scope scope, Arn cluster, String given) {
    String name =
        CapacityProviderStore.nameOf(scope, given)
            .orElseThrow(CapacityProviderNotFound::forCluster);
    if (BuiltInProviders.isFargate(name)) {
      return name;
    }
    CapacityProvider provider =
        store
            .stored(CapacityProviderStore.arn(scope, name))
            .orElseThrow(CapacityProviderNotFound::forCluster);
    if (provider.managedInstancesProvider() != null) {
      throw new InvalidParameterException(
          "Cannot associate Managed Instances capacity provider to clusters using this API."
              + " Managed Instances capacity providers are already associated with the cluster"
              + " they were created in.");
    }
    if (!CapacityProviderStore.isActive(provider)) {
      throw new InvalidParameterException(
          "The specified capacity provider '"
              + name
              + "' is not in an ACTIVE state. Specify a valid capacity provider and try again.");
    }
    Optional<Cluster> other =
        associatedCluster(scope, name).filter(c -> !c.clusterArn().equals(cluster.toString()));
    if (other.isPresent()) {
      throw new InvalidParameterException(
          "The specified capacity provider '"
              + name
              + "' is already associated with cluster '"
              + other.get().clusterName()
              + "'. A capacity provider that uses an Auto Scaling group can be associated with"
              + " only one cluster.");
    }
    return name;
  }
}
