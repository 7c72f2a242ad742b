package io.kecs.ecs.cluster;

import io.kecs.identity.Arn;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;

/** What clusters need of the capacity provider aggregate; implemented there. */
public interface CapacityProviderCatalog {
  /**
   * Checks that these capacity providers (names or ARNs) may be associated with the cluster and
   * that the default strategy only uses them; throws the ECS error otherwise.
   *
   * @return the provider names, normalised (ARNs turned to names)
   */
  List<String> checkClusterProviders(
      Arn cluster, List<String> providers, List<CapacityProviderStrategyItem> defaultStrategy);

  /** Checks that no service of the cluster still uses a provider that is being removed. */
  default void checkRemovable(Arn cluster, List<String> removed) {}

  /**
   * Checks that the cluster may be deleted as far as capacity providers go (ECS refuses while
   * cluster-scoped Managed Instances providers are attached to it).
   */
  default void checkDeletable(Arn cluster) {}
}
