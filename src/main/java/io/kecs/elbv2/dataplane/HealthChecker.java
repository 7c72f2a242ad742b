package io.kecs.elbv2.dataplane;

import io.kecs.clock.Scheduler;
import io.kecs.elbv2.common.Elbv2Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Health-checks every registered target of every target group a load balancer uses, with the
 * group's protocol, path, port, interval, timeout, thresholds and matcher. Each target is probed
 * every interval (one probe at a time), the first time as soon as it is seen. State is kept in
 * memory: after a restart every target starts {@code initial} again, as after a re-registration.
 * ELBv2 seconds last {@code second} (shorter in tests).
 */
final class HealthChecker implements AutoCloseable {
  private final Elbv2Tables tables;
  private final Scheduler scheduler;
  private final TargetAddresses addresses;
  private final Duration second;
  private final HealthProbe probe = new HealthProbe();
  private final Map<String, LiveHealth> book = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private Scheduler.Cancellable ticking;

  HealthChecker(
      Elbv2Tables tables, Scheduler scheduler, TargetAddresses addresses, Duration second) {
    this.tables = tables;
    this.scheduler = scheduler;
    this.addresses = addresses;
    this.second = second;
  }

  void start() {
    Duration tick = second.dividedBy(4);
    ticking = scheduler.every(tick.toMillis() < 10 ? Duration.ofMillis(10) : tick, this::tick);
  }

  /** The live health of a target by its table key, when health checks run for it. */
  Optional<TargetHealth> health(String targetKey) {
    LiveHealth h = book.get(targetKey);
    return h == null ? Optional.empty() : Optional.of(h.health());
  }

  /** A target's state for routing: {@code healthy}, {@code initial}, {@code unhealthy}, ... */
  String state(String targetKey, TargetGroup tg) {
    if (Boolean.FALSE.equals(tg.healthCheckEnabled())) {
      return "healthy";
    }
    LiveHealth h = book.get(targetKey);
    return h == null ? "initial" : h.state();
  }

  void tick() {
    Instant now = scheduler.now();
    Map<String, Optional<TargetGroup>> checked = new HashMap<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Map.Entry<String, TargetHealthDescription> e : tables.targets.range("").entrySet()) {
      String key = e.getKey();
      TargetHealthDescription d = e.getValue();
      String groupArn = key.substring(0, key.indexOf('|'));
      Optional<TargetGroup> tg = checked.computeIfAbsent(groupArn, this::checkedGroup);
      boolean draining =
          d.targetHealth() != null && "draining".equals(d.targetHealth().stateAsString());
      if (tg.isEmpty() || draining || d.target().port() == null) {
        continue;
      }
      seen.add(key);
      LiveHealth live = book.computeIfAbsent(key, k -> LiveHealth.registered(now));
      if (!now.isBefore(live.nextProbe()) && inFlight.add(key)) {
        TargetGroup group = tg.get();
        Thread.ofVirtual().name("kecs-elb-health").start(() -> probe(key, d, group));
      }
    }
    book.keySet().retainAll(seen);
  }

  /** The group when a load balancer uses it and it is health-checked. */
  private Optional<TargetGroup> checkedGroup(String arn) {
    return tables
        .targetGroups
        .get(arn)
        .filter(tg -> !Boolean.FALSE.equals(tg.healthCheckEnabled()))
        .filter(tg -> List.of("ip", "instance").contains(tg.targetTypeAsString()))
        .filter(tg -> !tables.loadBalancersUsing(arn).isEmpty());
  }

  private void probe(String key, TargetHealthDescription d, TargetGroup tg) {
    try {
      String hcPort = tg.healthCheckPort();
      int port =
          hcPort == null || "traffic-port".equals(hcPort)
              ? d.target().port()
              : Integer.parseInt(hcPort);
      Duration timeout = scaled(tg.healthCheckTimeoutSeconds(), 5);
      ProbeResult result = probe.probe(tg, addresses.resolve(d.target().id(), port), timeout);
      Instant next = scheduler.now().plus(scaled(tg.healthCheckIntervalSeconds(), 30));
      book.computeIfPresent(
          key,
          (k, live) ->
              live.after(
                  result,
                  orDefault(tg.healthyThresholdCount(), 5),
                  orDefault(tg.unhealthyThresholdCount(), 2),
                  next));
    } finally {
      inFlight.remove(key);
    }
  }

  private Duration scaled(Integer seconds, int otherwise) {
    return second.multipliedBy(seconds == null ? otherwise : seconds);
  }

  private static int orDefault(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }

  @Override
  public void close() {
    if (ticking != null) {
      ticking.cancel();
    }
    probe.close();
  }
}
