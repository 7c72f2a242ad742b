package io.kecs.elbv2.targetgroup;

import io.kecs.elbv2.common.AttributeRules;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/** The attributes of a target group, by target type and protocol, with ELBv2's defaults. */
final class TargetGroupAttributes {
  private TargetGroupAttributes() {}

  static AttributeRules of(TargetGroup tg) {
    AttributeRules rules = new AttributeRules();
    String protocol = tg.protocolAsString() == null ? "" : tg.protocolAsString();
    if ("lambda".equals(tg.targetTypeAsString())) {
      return rules.bool("lambda.multi_value_headers.enabled", false);
    }
    rules.range("deregistration_delay.timeout_seconds", 300, 0, 3600);
    if (protocol.equals("GENEVE")) {
      return rules
          .bool("stickiness.enabled", false)
          .oneOf("stickiness.type", "5_tuple", "5_tuple", "3_tuple", "2_tuple")
          .oneOf("target_failover.on_deregistration", "no_rebalance", "no_rebalance", "rebalance")
          .oneOf("target_failover.on_unhealthy", "no_rebalance", "no_rebalance", "rebalance");
    }
    rules
        .oneOf(
            "load_balancing.cross_zone.enabled",
            "use_load_balancer_configuration",
            "true",
            "false",
            "use_load_balancer_configuration")
        .add(
            "target_group_health.dns_failover.minimum_healthy_targets.count",
            "1",
            TargetGroupAttributes::countOrOff,
            "'off' or a number of targets")
        .add(
            "target_group_health.dns_failover.minimum_healthy_targets.percentage",
            "off",
            TargetGroupAttributes::percentOrOff,
            "'off' or a percentage from 1 to 100")
        .add(
            "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count",
            "1",
            TargetGroupAttributes::countOrOff,
            "a number of targets")
        .add(
            "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage",
            "off",
            TargetGroupAttributes::percentOrOff,
            "'off' or a percentage from 1 to 100");
    if (protocol.equals("HTTP") || protocol.equals("HTTPS")) {
      return rules
          .bool("stickiness.enabled", false)
          .oneOf("stickiness.type", "lb_cookie", "lb_cookie", "app_cookie")
          .range("stickiness.lb_cookie.duration_seconds", 86400, 1, 604800)
          .text("stickiness.app_cookie.cookie_name", "")
          .range("stickiness.app_cookie.duration_seconds", 86400, 1, 604800)
          .add(
              "slow_start.duration_seconds",
              "0",
              TargetGroupAttributes::slowStart,
              "0 or a number of seconds from 30 to 900")
          .oneOf(
              "load_balancing.algorithm.type",
              "round_robin",
              "round_robin",
              "least_outstanding_requests",
              "weighted_random")
          .oneOf("load_balancing.algorithm.anomaly_mitigation", "off", "on", "off");
    }
    boolean keepsClientIp =
        "instance".equals(tg.targetTypeAsString())
            || protocol.equals("UDP")
            || protocol.equals("TCP_UDP");
    return rules
        .bool("deregistration_delay.connection_termination.enabled", false)
        .bool("preserve_client_ip.enabled", keepsClientIp)
        .bool("proxy_protocol_v2.enabled", false)
        .bool("stickiness.enabled", false)
        .oneOf("stickiness.type", "source_ip", "source_ip")
        .bool("target_health_state.unhealthy.connection_termination.enabled", true)
        .range("target_health_state.unhealthy.draining_interval_seconds", 0, 0, 360000);
  }

  private static boolean countOrOff(String v) {
    return v.equals("off") || between(v, 1, 10000);
  }

  private static boolean percentOrOff(String v) {
    return v.equals("off") || between(v, 1, 100);
  }

  private static boolean slowStart(String v) {
    return v.equals("0") || between(v, 30, 900);
  }

  private static boolean between(String v, int min, int max) {
    try {
      int n = Integer.parseInt(v);
      return n >= min && n <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
