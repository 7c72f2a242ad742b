package io.kecs.elbv2.targetgroup;

import io.kecs.elbv2.error.ValidationError;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * ELBv2's health check defaults per target group protocol and target type, and the bounds every
 * setting must keep (also after ModifyTargetGroup).
 */
final class HealthCheckDefaults {
  private HealthCheckDefaults() {}

  /** Fills what the request left out. */
  static TargetGroup.Builder fill(TargetGroup.Builder tg, TargetGroup given) {
    String protocol = given.protocolAsString();
    boolean lambda = "lambda".equals(given.targetTypeAsString());
    boolean http = "HTTP".equals(protocol) || "HTTPS".equals(protocol);
    boolean geneve = "GENEVE".equals(protocol);
    String hcProtocol = given.healthCheckProtocolAsString();
    if (hcProtocol == null && !lambda) {
      hcProtocol = http ? protocol : (geneve ? "TCP" : "TCP");
      tg.healthCheckProtocol(hcProtocol);
    }
    boolean httpCheck = lambda || "HTTP".equals(hcProtocol) || "HTTPS".equals(hcProtocol);
    if (given.healthCheckEnabled() == null) {
      tg.healthCheckEnabled(!lambda);
    }
    if (given.healthCheckPort() == null && !lambda) {
      tg.healthCheckPort(geneve ? "80" : "traffic-port");
    }
    if (given.healthCheckIntervalSeconds() == null) {
      tg.healthCheckIntervalSeconds(lambda ? 35 : (geneve ? 10 : 30));
    }
    if (given.healthCheckTimeoutSeconds() == null) {
      tg.healthCheckTimeoutSeconds(lambda ? 30 : (http ? 5 : (geneve ? 5 : (httpCheck ? 6 : 10))));
    }
    if (given.healthyThresholdCount() == null) {
      tg.healthyThresholdCount(5);
    }
    if (given.unhealthyThresholdCount() == null) {
      tg.unhealthyThresholdCount(2);
    }
    if (httpCheck && given.healthCheckPath() == null) {
      tg.healthCheckPath("/");
    }
    if (httpCheck && given.matcher() == null) {
      boolean grpc = "GRPC".equals(given.protocolVersion());
      tg.matcher(
          grpc
              ? Matcher.builder().grpcCode("12").build()
              : Matcher.builder().httpCode(http || lambda ? "200" : "200-399").build());
    }
    return tg;
  }

  /** Checks the settings of a complete target group. */
  static void check(TargetGroup tg) {
    String protocol = tg.protocolAsString();
    String hc = tg.healthCheckProtocolAsString();
    if (hc != null) {
      if (("HTTP".equals(protocol) || "HTTPS".equals(protocol))
          && !hc.equals("HTTP")
          && !hc.equals("HTTPS")) {
        throw new ValidationError(
            "Health check protocol '"
                + hc
                + "' is not supported for target groups with the "
                + protocol
                + " protocol");
      }
      if (hc.equals("UDP") || hc.equals("TLS") || hc.equals("TCP_UDP") || hc.equals("GENEVE")) {
        throw new ValidationError("Health check protocol '" + hc + "' is not supported");
      }
    }
    boolean httpCheck =
        "HTTP".equals(hc) || "HTTPS".equals(hc) || "lambda".equals(tg.targetTypeAsString());
    if (!httpCheck && tg.healthCheckPath() != null) {
      throw new ValidationError(
          "A health check path can only be set for HTTP or HTTPS health checks");
    }
    if (tg.healthCheckPath() != null
        && (!tg.healthCheckPath().startsWith("/") || tg.healthCheckPath().length() > 1024)) {
      throw new ValidationError(
          "The health check path must begin with '/' and be at most 1024 characters");
    }
    String port = tg.healthCheckPort();
    if (port != null && !port.equals("traffic-port")) {
      try {
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new ValidationError(
            "Health check port '" + port + "' must be 'traffic-port' or a number from 1 to 65535");
      }
    }
    between("healthCheckIntervalSeconds", tg.healthCheckIntervalSeconds(), 5, 300);
    between("healthCheckTimeoutSeconds", tg.healthCheckTimeoutSeconds(), 2, 120);
    between("healthyThresholdCount", tg.healthyThresholdCount(), 2, 10);
    between("unhealthyThresholdCount", tg.unhealthyThresholdCount(), 2, 10);
    if (tg.healthCheckTimeoutSeconds() != null
        && tg.healthCheckIntervalSeconds() != null
        && tg.healthCheckTimeoutSeconds() >= tg.healthCheckIntervalSeconds()) {
      throw new ValidationError(
          "Health check timeout '"
              + tg.healthCheckTimeoutSeconds()
              + "' must be smaller than the interval '"
              + tg.healthCheckIntervalSeconds()
              + "'");
    }
  }

  private static void between(String member, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      throw new ValidationError(
          "1 validation error detected: Value '"
              + value
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value between "
              + min
              + " and "
              + max);
    }
  }
}
