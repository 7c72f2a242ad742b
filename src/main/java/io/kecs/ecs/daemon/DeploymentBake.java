package io.kecs.ecs.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bake time between the steps of a daemon deployment ({@code bakeTimeInMinutes}): once a batch
 * of instances has been replaced and every instance runs a healthy task again, the next batch (and
 * the deployment's success) waits for the bake time to pass.
 *
 * <p>Kept in memory: after a restart a step that was baking is simply done, which only shortens one
 * wait.
 */
final class DeploymentBake {
  private final Set<String> stepping = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> bakingUntil = new ConcurrentHashMap<>();

  /** A batch of a daemon's instances started being replaced. */
  void stepStarted(String daemon) {
    stepping.add(daemon);
  }

  /** Whether the daemon's last finished step is still baking at {@code now}. */
  boolean baking(String daemon, Instant now) {
    Instant until = bakingUntil.get(daemon);
    return until != null && now.isBefore(until);
  }

  /**
   * Called each round: when a step was under way and every instance is healthy again, the bake
   * starts; answers when it ends (to look again then), or empty.
   */
  Optional<Instant> settle(String daemon, boolean allHealthy, Duration bake, Instant now) {
    if (!allHealthy || !stepping.remove(daemon) || bake.isZero() || bake.isNegative()) {
      return Optional.empty();
    }
    Instant until = now.plus(bake);
    bakingUntil.put(daemon, until);
    return Optional.of(until);
  }

  /** A new deployment (or deletion) starts afresh. */
  void forget(String daemon) {
    stepping.remove(daemon);
    bakingUntil.remove(daemon);
  }

  void clear() {
    stepping.clear();
    bakingUntil.clear();
  }
}
