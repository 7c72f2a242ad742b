package io.kecs.elbv2.loadbalancer;

import io.kecs.elbv2.common.AttributeRules;

/** The attributes of each load balancer type, with ELBv2's defaults and bounds. */
final class LoadBalancerAttributes {
  private LoadBalancerAttributes() {}

  static AttributeRules of(String type) {
    AttributeRules rules =
        new AttributeRules()
            .bool("deletion_protection.enabled", false)
            .bool("load_balancing.cross_zone.enabled", type.equals("application"));
    if (type.equals("gateway")) {
      return rules;
    }
    rules
        .bool("access_logs.s3.enabled", false)
        .text("access_logs.s3.bucket", "")
        .text("access_logs.s3.prefix", "")
        .oneOf("ipv6.deny_all_igw_traffic", "false", "true", "false");
    if (type.equals("network")) {
      return rules
          .oneOf(
              "dns_record.client_routing_policy",
              "any_availability_zone",
              "availability_zone_affinity",
              "partial_availability_zone_affinity",
              "any_availability_zone")
          .range("secondary_ips.auto_assigned.per_subnet", 0, 0, 7);
    }
    return rules
        .range("idle_timeout.timeout_seconds", 60, 1, 4000)
        .range("client_keep_alive.seconds", 3600, 60, 604800)
        .bool("connection_logs.s3.enabled", false)
        .text("connection_logs.s3.bucket", "")
        .text("connection_logs.s3.prefix", "")
        .bool("routing.http2.enabled", true)
        .bool("routing.http.drop_invalid_header_fields.enabled", false)
        .oneOf(
            "routing.http.desync_mitigation_mode", "defensive", "monitor", "defensive", "strictest")
        .bool("routing.http.preserve_host_header.enabled", false)
        .bool("routing.http.x_amzn_tls_version_and_cipher_suite.enabled", false)
        .bool("routing.http.xff_client_port.enabled", false)
        .oneOf("routing.http.xff_header_processing.mode", "append", "append", "preserve", "remove")
        .bool("waf.fail_open.enabled", false)
        .bool("zonal_shift.config.enabled", false)
        .bool("health_check_logs.s3.enabled", false)
        .text("health_check_logs.s3.bucket", "")
        .text("health_check_logs.s3.prefix", "");
  }
}
