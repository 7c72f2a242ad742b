package io.kecs.elbv2.common;

import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * ELBv2's ARN and DNS formats. A load balancer is {@code loadbalancer/app/<name>/<id>} ({@code net}
 * for network, {@code gwy} for gateway), its listeners {@code listener/app/<name>/<lb id>/<id>},
 * their rules {@code listener-rule/app/<name>/<lb id>/<listener id>/<id>}, target groups {@code
 * targetgroup/<name>/<id>}; ids are 16 hex digits. DNS names end in {@code .localhost} so that
 * browsers and curl resolve them to loopback without any DNS set-up.
 */
public final class Elbv2Arns {
  public static final String SERVICE = "elasticloadbalancing";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Elbv2Arns() {}

  public static String newId() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** {@code app}, {@code net} or {@code gwy} for a load balancer type. */
  public static String typeCode(String type) {
    return switch (type) {
      case "network" -> "net";
      case "gateway" -> "gwy";
      default -> "app";
    };
  }

  public static String loadBalancer(Scope scope, String type, String name, String id) {
    return arn(scope, "loadbalancer/" + typeCode(type) + "/" + name + "/" + id);
  }

  public static String targetGroup(Scope scope, String name, String id) {
    return arn(scope, "targetgroup/" + name + "/" + id);
  }

  public static String trustStore(Scope scope, String name, String id) {
    return arn(scope, "truststore/" + name + "/" + id);
  }

  /** A listener of {@code loadBalancerArn}. */
  public static String listener(String loadBalancerArn, String id) {
    return loadBalancerArn.replaceFirst(":loadbalancer/", ":listener/") + "/" + id;
  }

  /** A rule of {@code listenerArn}. */
  public static String rule(String listenerArn, String id) {
    return listenerArn.replaceFirst(":listener/", ":listener-rule/") + "/" + id;
  }

  public static String loadBalancerOfListener(String listenerArn) {
    String lb = listenerArn.replaceFirst(":listener/", ":loadbalancer/");
    return lb.substring(0, lb.lastIndexOf('/'));
  }

  public static String listenerOfRule(String ruleArn) {
    String listener = ruleArn.replaceFirst(":listener-rule/", ":listener/");
    return listener.substring(0, listener.lastIndexOf('/'));
  }

  /** The resource type of an ELBv2 ARN ({@code loadbalancer}, {@code targetgroup}, ...). */
  public static Optional<String> resourceType(String arn) {
    return Arn.parse(arn).filter(a -> a.service().equals(SERVICE)).map(Arn::resourceType);
  }

  /**
   * ELBv2's DNS name with {@code .localhost} for {@code .amazonaws.com}: {@code
   * <name>-<digits>.<region>.elb.localhost}, {@code internal-} first for internal schemes.
   */
  public static String dnsName(String name, String scheme, String region, String id) {
    long digits = Long.parseUnsignedLong(id.substring(0, 12), 16) % 10_000_000_000L;
    String prefix = "internal".equals(scheme) ? "internal-" : "";
    return prefix + name + "-" + digits + "." + region + ".elb.localhost";
  }

  private static String arn(Scope scope, String resource) {
    return new Arn(Arn.PARTITION, SERVICE, scope.region(), scope.account(), resource).toString();
  }
}
