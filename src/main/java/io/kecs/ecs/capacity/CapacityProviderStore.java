package io.kecs.ecs.capacity;

import io.kecs.ecs.common.Names;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.store.RecordTable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStatus;

/**
 * The custom capacity providers of every scope, keyed by ARN (tags live in the tag table). The
 * built-in Fargate providers are answered by lookups but never stored. Its monitor is the lock of
 * the capacity provider aggregate.
 */
final class CapacityProviderStore {
  static final String TYPE = "capacity-provider";

  private final RecordTable<CapacityProvider> table;

  CapacityProviderStore(RecordTable<CapacityProvider> table) {
    this.table = table;
  }

  /**
   * The provider name a "name or ARN" parameter means, or empty for an ARN that is not a capacity
   * provider of the caller's account and Region.
   */
  static Optional<String> nameOf(Scope scope, String nameOrArn) {
    if (nameOrArn == null || nameOrArn.isEmpty()) {
      return Optional.empty();
    }
    if (!Arn.looksLikeArn(nameOrArn)) {
      return Optional.of(nameOrArn);
    }
    return Arn.parse(nameOrArn)
        .filter(a -> a.service().equals("ecs") && a.resourceType().equals(TYPE))
        .filter(a -> a.scope().equals(scope))
        .map(Arn::resourcePath);
  }

  static Arn arn(Scope scope, String name) {
    return Arn.ecs(scope, TYPE, name);
  }

  /** A built-in or stored (ACTIVE or INACTIVE) provider by name or ARN. */
  Optional<CapacityProvider> lookup(Scope scope, String nameOrArn) {
    return nameOf(scope, nameOrArn)
        .flatMap(
            name ->
                BuiltInProviders.isFargate(name)
                    ? Optional.of(BuiltInProviders.of(scope, name))
                    : stored(arn(scope, name)));
  }

  /** A stored custom provider that is ACTIVE, by name or ARN. */
  Optional<CapacityProvider> active(Scope scope, String nameOrArn) {
    return nameOf(scope, nameOrArn)
        .filter(name -> !BuiltInProviders.isFargate(name))
        .flatMap(name -> stored(arn(scope, name)))
        .filter(CapacityProviderStore::isActive);
  }

  Optional<CapacityProvider> stored(Arn arn) {
    return table.get(arn.toString());
  }

  /** Every stored provider of a scope, in ARN order. */
  Collection<CapacityProvider> all(Scope scope) {
    return table.range(Names.arnPrefix(scope, TYPE)).values();
  }

  /** The ACTIVE provider that uses an Auto Scaling group (compared by group name), if any. */
  Optional<CapacityProvider> activeUsingGroup(Scope scope, String groupName) {
    return all(scope).stream()
        .filter(CapacityProviderStore::isActive)
        .filter(p -> p.autoScalingGroupProvider() != null)
        .filter(
            p ->
                groupName.equals(
                    AutoScalingGroupRules.groupName(
                        p.autoScalingGroupProvider().autoScalingGroupArn())))
        .findFirst();
  }

  /** The ACTIVE Managed Instances providers scoped to a cluster (by cluster name). */
  List<CapacityProvider> activeScopedTo(Scope scope, String clusterName) {
    return all(scope).stream()
        .filter(CapacityProviderStore::isActive)
        .filter(p -> clusterName.equals(p.cluster()))
        .toList();
  }

  CapacityProvider put(CapacityProvider provider) {
    return table.put(provider.capacityProviderArn(), provider);
  }

  static boolean isActive(CapacityProvider p) {
    return p.status() == CapacityProviderStatus.ACTIVE;
  }
}
