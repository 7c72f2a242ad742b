package io.kecs.elbv2.dataplane;

import io.kecs.elbv2.common.Elbv2Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Picks a target of a group, round robin among the healthy ones. As an ALB does, a group with no
 * healthy target "fails open" to every registered one that is not draining; a group with none gives
 * nothing (the client gets a 503).
 */
final class TargetPicker {
  private final Elbv2Tables tables;
  private final HealthChecker health;
  private final Map<String, AtomicInteger> turns = new ConcurrentHashMap<>();

  TargetPicker(Elbv2Tables tables, HealthChecker health) {
    this.tables = tables;
    this.health = health;
  }

  /** The target chosen, its table key, and how long a stickiness cookie lives (null: none). */
  record Pick(TargetDescription target, String key, Integer stickySeconds) {}

  /**
   * @param stickyCookie the request's {@code AWSALB} cookie, or null
   */
  Optional<Pick> pick(String targetGroupArn, String stickyCookie) {
    Optional<TargetGroup> tg = tables.targetGroups.get(targetGroupArn);
    if (tg.isEmpty()) {
      return Optional.empty();
    }
    List<Map.Entry<String, TargetDescription>> healthy = new ArrayList<>();
    List<Map.Entry<String, TargetDescription>> live = new ArrayList<>();
    for (Map.Entry<String, TargetHealthDescription> e :
        tables.targets.range(Elbv2Tables.targetPrefix(targetGroupArn)).entrySet()) {
      TargetHealthDescription d = e.getValue();
      if (d.targetHealth() != null && "draining".equals(d.targetHealth().stateAsString())) {
        continue;
      }
      if (d.target().port() == null) {
        continue;
      }
      live.add(Map.entry(e.getKey(), d.target()));
      if ("healthy".equals(health.state(e.getKey(), tg.get()))) {
        healthy.add(Map.entry(e.getKey(), d.target()));
      }
    }
    List<Map.Entry<String, TargetDescription>> from = healthy.isEmpty() ? live : healthy;
    if (from.isEmpty()) {
      return Optional.empty();
    }
    Integer sticky = TargetStickiness.seconds(tables, targetGroupArn);
    if (sticky != null) {
      String named = TargetStickiness.decode(stickyCookie);
      for (Map.Entry<String, TargetDescription> e : from) {
        if (e.getKey().equals(named)) {
          return Optional.of(new Pick(e.getValue(), e.getKey(), sticky));
        }
      }
    }
    int turn = turns.computeIfAbsent(targetGroupArn, k -> new AtomicInteger()).getAndIncrement();
    Map.Entry<String, TargetDescription> chosen = from.get(Math.floorMod(turn, from.size()));
    return Optional.of(new Pick(chosen.getValue(), chosen.getKey(), sticky));
  }
}
