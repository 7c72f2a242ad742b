package io.kecs.elbv2.common;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ELBv2 quotas KECS enforces, at AWS's default values; DescribeAccountLimits reports these same
 * numbers, so what a client reads is what it will meet.
 */
public final class Limits {
  public static final int LOAD_BALANCERS = 50;
  public static final int TARGET_GROUPS = 3000;
  public static final int LISTENERS_PER_LOAD_BALANCER = 50;
  public static final int RULES_PER_APPLICATION_LOAD_BALANCER = 100;
  public static final int TARGETS_PER_TARGET_GROUP = 1000;
  public static final int TARGET_GROUPS_PER_ACTION = 5;
  public static final int CONDITION_VALUES_PER_RULE = 5;
  public static final int CERTIFICATES_PER_LOAD_BALANCER = 25;
  public static final int TRUST_STORES = 100;

  private Limits() {}

  /** The limits by DescribeAccountLimits name. */
  public static Map<String, Integer> byName() {
    Map<String, Integer> out = new LinkedHashMap<>();
    out.put("application-load-balancers", LOAD_BALANCERS);
    out.put("target-groups", TARGET_GROUPS);
    out.put("targets-per-application-load-balancer", TARGETS_PER_TARGET_GROUP);
    out.put("listeners-per-application-load-balancer", LISTENERS_PER_LOAD_BALANCER);
    out.put("rules-per-application-load-balancer", RULES_PER_APPLICATION_LOAD_BALANCER);
    out.put("network-load-balancers", LOAD_BALANCERS);
    out.put("targets-per-network-load-balancer", TARGETS_PER_TARGET_GROUP);
    out.put("targets-per-availability-zone-per-network-load-balancer", TARGETS_PER_TARGET_GROUP);
    out.put("listeners-per-network-load-balancer", LISTENERS_PER_LOAD_BALANCER);
    out.put("condition-values-per-alb-rule", CONDITION_VALUES_PER_RULE);
    out.put("condition-wildcards-per-alb-rule", CONDITION_VALUES_PER_RULE);
    out.put("target-groups-per-application-load-balancer", TARGET_GROUPS_PER_ACTION * 20);
    out.put("target-groups-per-action-on-application-load-balancer", TARGET_GROUPS_PER_ACTION);
    out.put("target-groups-per-action-on-network-load-balancer", 1);
    out.put("certificates-per-application-load-balancer", CERTIFICATES_PER_LOAD_BALANCER);
    out.put("certificates-per-network-load-balancer", CERTIFICATES_PER_LOAD_BALANCER);
    out.put("gateway-load-balancers", LOAD_BALANCERS);
    out.put("trust-stores-per-account", TRUST_STORES);
    return out;
  }
}
