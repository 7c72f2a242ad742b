package io.kecs.ecs.task;

import java.util.List;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;

/**
 * Spreads tasks over a capacity provider strategy as ECS does: the provider with a base gets its
 * first {@code base} tasks, the rest go by weight (a weight-2 provider gets two tasks for every one
 * of a weight-1 provider).
 */
final class StrategyPicker {
  private StrategyPicker() {}

  /**
   * @param placedSoFar how many tasks each item (by index) already has, counting this call's
   * @return the index of the item for the next task
   */
  static int next(List<CapacityProviderStrategyItem> strategy, int[] placedSoFar) {
    for (int i = 0; i < strategy.size(); i++) {
      Integer base = strategy.get(i).base();
      if (base != null && placedSoFar[i] < base) {
        return i;
      }
    }
    int best = -1;
    double bestRatio = Double.MAX_VALUE;
    for (int i = 0; i < strategy.size(); i++) {
      int weight = strategy.get(i).weight() == null ? 0 : strategy.get(i).weight();
      if (weight == 0) {
        continue;
      }
      int base = strategy.get(i).base() == null ? 0 : strategy.get(i).base();
      double ratio = (placedSoFar[i] - base) / (double) weight;
      if (ratio < bestRatio) {
        bestRatio = ratio;
        best = i;
      }
    }
    return best < 0 ? 0 : best;
  }
}
