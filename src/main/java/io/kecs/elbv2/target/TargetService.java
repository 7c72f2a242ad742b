package io.kecs.elbv2.target;

import io.kecs.clock.Scheduler;
import io.kecs.elbv2.common.Elbv2Tables;
import io.kecs.elbv2.common.Limits;
import io.kecs.elbv2.error.InvalidTarget;
import io.kecs.elbv2.error.TooManyTargets;
import io.kecs.elbv2.error.ValidationError;
import io.kecs.elbv2.targetgroup.TargetGroupService;
import io.kecs.protocol.AwsQueryService;
import io.kecs.protocol.RequestContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.*;

/**
 * Registered targets and their health: a target of a group that a load balancer uses has the health
 * the data plane's checks give it ({@code initial} until the first check); of a group nothing uses,
 * {@code unused}; of a group with health checks disabled, {@code unavailable}.
 */
public final class TargetService {
  private static final Pattern INSTANCE = Pattern.compile("i-[0-9a-f]{8,17}");

  private final Elbv2Tables tables;
  private final TargetGroupService targetGroups;
  private final Scheduler scheduler;
  private volatile Function<String, Optional<TargetHealth>> live = key -> Optional.empty();
  private volatile Duration second = Duration.ofSeconds(1);

  public TargetService(Elbv2Tables tables, TargetGroupService targetGroups, Scheduler scheduler) {
    this.tables = tables;
    this.targetGroups = targetGroups;
    this.scheduler = scheduler;
  }

  public void bind(AwsQueryService s) {
    s.add("RegisterTargets", RegisterTargetsRequest.class, this::register);
    s.add("DeregisterTargets", DeregisterTargetsRequest.class, this::deregister);
    s.add("DescribeTargetHealth", DescribeTargetHealthRequest.class, this::health);
  }

  /**
   * Health from the data plane's checks, by target key, and how long one ELBv2 second lasts (the
   * deregistration delay is counted in them).
   */
  public void liveHealth(Function<String, Optional<TargetHealth>> health, Duration second) {
    this.live = health;
    this.second = second;
  }

  /** Finishes the draining of targets left draining by the previous run. */
  public void start() {
    for (Map.Entry<String, TargetHealthDescription> e : tables.targets.range("").entrySet()) {
      TargetHealth h = e.getValue().targetHealth();
      if (h != null && "draining".equals(h.stateAsString())) {
        String key = e.getKey();
        scheduler.schedule(Duration.ZERO, () -> finishDraining(key));
      }
    }
  }

  private RegisterTargetsResponse register(RequestContext ctx, RegisterTargetsRequest r) {
    synchronized (tables.lock()) {
      TargetGroup tg = targetGroups.require(r.targetGroupArn());
      Map<String, TargetHealthDescription> added = new LinkedHashMap<>();
      for (TargetDescription t : r.targets()) {
        TargetDescription target = check(tg, t);
        added.put(
            Elbv2Tables.targetKey(tg.targetGroupArn(), target.id(), target.port()),
            TargetHealthDescription.builder().target(target).build());
      }
      long existing =
          tables.targets.range(Elbv2Tables.targetPrefix(tg.targetGroupArn())).keySet().stream()
              .filter(k -> !added.containsKey(k))
              .count();
      if (existing + added.size() > Limits.TARGETS_PER_TARGET_GROUP
          || ("lambda".equals(tg.targetTypeAsString()) && existing + added.size() > 1)) {
        throw new TooManyTargets("You've reached the limit on the number of targets");
      }
      tables.targets.putAll(added);
    }
    return RegisterTargetsResponse.builder().build();
  }

  private TargetDescription check(TargetGroup tg, TargetDescription t) {
    String type = tg.targetTypeAsString();
    String id = t.id();
    Integer port = t.port();
    switch (type) {
      case "instance" -> {
        if (!INSTANCE.matcher(id).matches()) {
          throw new InvalidTarget("The following targets are not valid instances: '" + id + "'");
        }
      }
      case "ip" -> {
        if (!isIp(id)) {
          throw new InvalidTarget("The IP address '" + id + "' is not a valid IP address");
        }
      }
      case "lambda" -> {
        if (!id.startsWith("arn:") || !id.contains(":lambda:")) {
          throw new InvalidTarget("The target '" + id + "' is not a Lambda function ARN");
        }
        if (port != null) {
          throw new ValidationError("A port cannot be specified for Lambda targets");
        }
      }
      default -> {
        if (tables
            .loadBalancers
            .get(id)
            .filter(l -> l.typeAsString().equals("application"))
            .isEmpty()) {
          throw new InvalidTarget("The target '" + id + "' is not an Application Load Balancer");
        }
        if (port != null && !port.equals(tg.port())) {
          throw new ValidationError("The port of an 'alb' target must be the target group's port");
        }
      }
    }
    if (!"lambda".equals(type)) {
      port = port == null ? tg.port() : port;
      if (port < 1 || port > 65535) {
        throw new ValidationError("Port '" + port + "' must be from 1 to 65535");
      }
    }
    return t.toBuilder().port(port).build();
  }

  private static boolean isIp(String text) {
    if (text.matches("(\\d{1,3}\\.){3}\\d{1,3}")) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }
    if (!text.contains(":") || !text.matches("[0-9a-fA-F:.]+")) {
      return false;
    }
    try {
      // A literal with ':' is parsed, never looked up.
      InetAddress.getByName(text);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private DeregisterTargetsResponse deregister(RequestContext ctx, DeregisterTargetsRequest r) {
    synchronized (tables.lock()) {
      TargetGroup tg = targetGroups.require(r.targetGroupArn());
      List<String> keys = new ArrayList<>();
      for (TargetDescription t : r.targets()) {
        Integer port = t.port() == null ? tg.port() : t.port();
        String key = Elbv2Tables.targetKey(tg.targetGroupArn(), t.id(), port);
        if (tables.targets.get(key).isEmpty()) {
          throw new InvalidTarget(
              "The following targets are not registered in target group: '" + t.id() + "'");
        }
        keys.add(key);
      }
      int delay =
          Integer.parseInt(
              targetGroups
                  .attributesOf(tg)
                  .getOrDefault("deregistration_delay.timeout_seconds", "0"));
      if (tables.loadBalancersUsing(tg.targetGroupArn()).isEmpty() || delay == 0) {
        tables.targets.deleteAll(keys);
      } else {
        Map<String, TargetHealthDescription> draining = new LinkedHashMap<>();
        for (String key : keys) {
          draining.put(
              key,
              tables.targets.get(key).orElseThrow().toBuilder()
                  .targetHealth(
                      health(
                          TargetHealthStateEnum.DRAINING,
                          TargetHealthReasonEnum.TARGET_DEREGISTRATION_IN_PROGRESS,
                          "Target deregistration is in progress"))
                  .build());
        }
        tables.targets.putAll(draining);
        for (String key : keys) {
          scheduler.schedule(second.multipliedBy(delay), () -> finishDraining(key));
        }
      }
    }
    return DeregisterTargetsResponse.builder().build();
  }

  private void finishDraining(String key) {
    synchronized (tables.lock()) {
      tables
          .targets
          .get(key)
          .filter(
              t -> t.targetHealth() != null && "draining".equals(t.targetHealth().stateAsString()))
          .ifPresent(t -> tables.targets.delete(key));
    }
  }

  private DescribeTargetHealthResponse health(RequestContext ctx, DescribeTargetHealthRequest r) {
    TargetGroup tg = targetGroups.require(r.targetGroupArn());
    boolean used = !tables.loadBalancersUsing(tg.targetGroupArn()).isEmpty();
    List<TargetHealthDescription> out = new ArrayList<>();
    if (r.hasTargets()) {
      for (TargetDescription t : r.targets()) {
        Integer port = t.port() == null ? tg.port() : t.port();
        out.add(
            tables
                .targets
                .get(Elbv2Tables.targetKey(tg.targetGroupArn(), t.id(), port))
                .map(d -> view(tg, d, used))
                .orElse(
                    TargetHealthDescription.builder()
                        .target(t.toBuilder().port(port).build())
                        .targetHealth(
                            health(
                                TargetHealthStateEnum.UNUSED,
                                TargetHealthReasonEnum.TARGET_NOT_REGISTERED,
                                "Target is not registered to the target group"))
                        .build()));
      }
    } else {
      tables.targetsOf(tg.targetGroupArn()).forEach(d -> out.add(view(tg, d, used)));
    }
    return DescribeTargetHealthResponse.builder().targetHealthDescriptions(out).build();
  }

  private TargetHealthDescription view(TargetGroup tg, TargetHealthDescription d, boolean used) {
    String port =
        "traffic-port".equals(tg.healthCheckPort()) || tg.healthCheckPort() == null
            ? (d.target().port() == null ? null : String.valueOf(d.target().port()))
            : tg.healthCheckPort();
    TargetHealthDescription.Builder b = d.toBuilder().healthCheckPort(port);
    if (d.targetHealth() != null && "draining".equals(d.targetHealth().stateAsString())) {
      return b.build();
    }
    if (!used) {
      return b.targetHealth(
              health(
                  TargetHealthStateEnum.UNUSED,
                  TargetHealthReasonEnum.TARGET_NOT_IN_USE,
                  "Target group is not configured to receive traffic from the load balancer"))
          .build();
    }
    if (Boolean.FALSE.equals(tg.healthCheckEnabled())) {
      return b.targetHealth(
              health(
                  TargetHealthStateEnum.UNAVAILABLE,
                  TargetHealthReasonEnum.TARGET_HEALTH_CHECK_DISABLED,
                  "Health checks are disabled"))
          .build();
    }
    Optional<TargetHealth> checked =
        live.apply(Elbv2Tables.targetKey(tg.targetGroupArn(), d.target().id(), d.target().port()));
    if (checked.isPresent()) {
      return b.targetHealth(checked.get()).build();
    }
    return b.targetHealth(
            health(
                TargetHealthStateEnum.INITIAL,
                TargetHealthReasonEnum.ELB_REGISTRATION_IN_PROGRESS,
                "Target registration is in progress"))
        .build();
  }

  private static TargetHealth health(
      TargetHealthStateEnum state, TargetHealthReasonEnum reason, String description) {
    return TargetHealth.builder().state(state).reason(reason).description(description).build();
  }

  /** Registers one target, as RegisterTargets does (ECS registering a task). */
  public void register(String targetGroupArn, TargetDescription target) {
    register(
        null,
        RegisterTargetsRequest.builder().targetGroupArn(targetGroupArn).targets(target).build());
  }

  /** Deregisters one target, as DeregisterTargets does (ECS deregistering a task). */
  public void deregister(String targetGroupArn, TargetDescription target) {
    deregister(
        null,
        DeregisterTargetsRequest.builder().targetGroupArn(targetGroupArn).targets(target).build());
  }

  /** One target's health, as DescribeTargetHealth answers it. */
  public TargetHealth healthOf(String targetGroupArn, TargetDescription target) {
    return health(
            null,
            DescribeTargetHealthRequest.builder()
                .targetGroupArn(targetGroupArn)
                .targets(target)
                .build())
        .targetHealthDescriptions()
        .get(0)
        .targetHealth();
  }
}
