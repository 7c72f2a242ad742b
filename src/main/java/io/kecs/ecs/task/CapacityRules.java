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
}
