package io.kecs.ecs.task;

import java.util.List;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;

/** What task launches need of the capacity provider aggregate. */
public interface CapacityRules {
  /** Checks a strategy against the ECS rules and the cluster's providers; throws the ECS error. */
  void validateStrategy(Cluster cluster, List<CapacityProviderStrategyItem> strategy);

  /** Whether a provider runs tasks on Fargate (FARGATE, FARGATE_SPOT). */
  default boolean isFargate(String providerName) {
    return "FARGATE".equals(providerName) || "FARGATE_SPOT".equals(providerName);
  }

  /** Only the built-in Fargate providers, which must be associated with the cluster. */
  CapacityRules FARGATE_ONLY =
      (cluster, strategy) -> {
        for (CapacityProviderStrategyItem item : strategy) {
          if (!cluster.capacityProviders().contains(item.capacityProvider())) {
            throw new io.kecs.ecs.error.InvalidParameterException(
                "The specified capacity provider strategy cannot contain a capacity provider that is"
                    + " not associated with the cluster. Associate the capacity provider with the"
                    + " cluster or specify a valid capacity provider and try again.");
          }
        }
      };
}
