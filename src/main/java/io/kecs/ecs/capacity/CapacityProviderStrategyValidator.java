package io.kecs.ecs.capacity;

import io.kecs.ecs.error.InvalidParameterException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;

/**
 * The capacity provider strategy rules, shared by a cluster's default strategy and the strategies
 * RunTask, CreateService and UpdateService take. Pure functions: callers pass the provider names
 * the cluster makes available (its associated providers and its cluster-scoped ones).
 */
public final class CapacityProviderStrategyValidator {
  public static final int MAX_ITEMS = 20;
  static final int MAX_WEIGHT = 1000;
  static final int MAX_BASE = 100_000;

  private CapacityProviderStrategyValidator() {}

  /**
   * Checks a strategy as ECS does when it is stored: item count and ranges, no duplicates, only
   * providers available in the cluster, at most one base, and no mix of Fargate and EC2 providers.
   * A null or empty strategy is valid (it means: no strategy).
   */
  public static void validate(
      List<CapacityProviderStrategyItem> strategy, Collection<String> available) {
    if (strategy == null || strategy.isEmpty()) {
      return;
    }
    if (strategy.size() > MAX_ITEMS) {
      throw new InvalidParameterException(
          "A capacity provider strategy can contain a maximum of "
              + MAX_ITEMS
              + " capacity providers, but "
              + strategy.size()
              + " were given.");
    }
    Set<String> seen = new HashSet<>();
    int withBase = 0;
    int fargate = 0;
    for (CapacityProviderStrategyItem item : strategy) {
      String name = item.capacityProvider();
      if (name == null || name.isEmpty()) {
        throw new InvalidParameterException(
            "The capacity provider strategy item must name a capacity provider.");
      }
      int weight = valueOf(item.weight());
      if (weight < 0 || weight > MAX_WEIGHT) {
        throw new InvalidParameterException(
            "The specified capacity provider strategy weight for '"
                + name
                + "' is invalid. The weight must be between 0 and "
                + MAX_WEIGHT
                + ".");
      }
      int base = valueOf(item.base());
      if (base < 0 || base > MAX_BASE) {
        throw new InvalidParameterException(
            "The specified capacity provider strategy base for '"
                + name
                + "' is invalid. The base must be between 0 and "
                + MAX_BASE
                + ".");
      }
      if (!seen.add(name)) {
        throw new InvalidParameterException(
            "The specified capacity provider strategy cannot contain duplicate capacity providers: '"
                + name
                + "'.");
      }
      if (!available.contains(name)) {
        throw new InvalidParameterException(
            "The specified capacity provider strategy cannot contain a capacity provider that is"
                + " not associated with the cluster. Associate the capacity provider with the"
                + " cluster or specify a valid capacity provider and try again.");
      }
      withBase += base > 0 ? 1 : 0;
      fargate += BuiltInProviders.isFargate(name) ? 1 : 0;
    }
    if (withBase > 1) {
      throw new InvalidParameterException(
          "Only one capacity provider in a capacity provider strategy can have a base defined.");
    }
    if (fargate > 0 && fargate < strategy.size()) {
      throw new InvalidParameterException(
          "The specified capacity provider strategy cannot contain a mix of capacity providers"
              + " using Auto Scaling groups and Fargate providers. Specify one or the other and"
              + " try again.");
    }
  }

  /**
   * Checks a strategy that is about to place tasks (RunTask, CreateService, UpdateService): the
   * stored-strategy rules, and with several providers at least one weight above zero, since ECS
   * documents that a strategy whose providers all weigh 0 cannot place tasks.
   */
  public static void validateForPlacement(
      List<CapacityProviderStrategyItem> strategy, Collection<String> available) {
    validate(strategy, available);
    if (strategy != null
        && strategy.size() > 1
        && strategy.stream().allMatch(i -> valueOf(i.weight()) == 0)) {
      throw new InvalidParameterException(
          "When multiple capacity providers are specified in a capacity provider strategy, at"
              + " least one of them must have a weight greater than 0.");
    }
  }

  private static int valueOf(Integer boxed) {
    return boxed == null ? 0 : boxed;
  }
}
