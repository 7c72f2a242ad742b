package io.kecs.ecs.daemon;

import io.kecs.ecs.common.Names;
import io.kecs.ecs.error.InvalidParameterException;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.ecs.model.DaemonAlarmConfiguration;
import software.amazon.awssdk.services.ecs.model.DaemonDeploymentConfiguration;

/** The request rules the daemon model documents, with ECS's defaults. */
final class DaemonRules {
  /** Up to 36 ASCII characters in the range 33-126. */
  private static final Pattern CLIENT_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,36}");

  /** The developer guide's default: a quarter of the instances at a time. */
  static final double DEFAULT_DRAIN_PERCENT = 25.0;

  /** The longest bake time ECS accepts for deployments (one day). */
  static final int MAX_BAKE_MINUTES = 1440;

  private DaemonRules() {}

  static void name(String name) {
    Names.requireValidName("Daemon", name);
  }

  static void clientToken(String token) {
    if (token != null && !CLIENT_TOKEN.matcher(token).matches()) {
      throw new InvalidParameterException(
          "clientToken must be up to 36 ASCII characters in the range 33-126.");
    }
  }

  /** The configuration with ECS's defaults filled in, after checking what was given. */
  static DaemonDeploymentConfiguration deploymentConfiguration(
      DaemonDeploymentConfiguration given, DaemonDeploymentConfiguration current) {
    DaemonDeploymentConfiguration base =
        current != null
            ? current
            : DaemonDeploymentConfiguration.builder()
                .drainPercent(DEFAULT_DRAIN_PERCENT)
                .bakeTimeInMinutes(0)
                .alarms(DaemonAlarmConfiguration.builder().enable(false).build())
                .build();
    if (given == null) {
      return base;
    }
    DaemonDeploymentConfiguration.Builder b = base.toBuilder();
    if (given.drainPercent() != null) {
      double p = given.drainPercent();
      if (Double.isNaN(p) || p < 0.0 || p > 100.0) {
        throw new InvalidParameterException(
            "drainPercent must be between 0.0 and 100.0, but was " + p + ".");
      }
      b.drainPercent(p);
    }
    if (given.bakeTimeInMinutes() != null) {
      int m = given.bakeTimeInMinutes();
      if (m < 0 || m > MAX_BAKE_MINUTES) {
        throw new InvalidParameterException(
            "bakeTimeInMinutes must be between 0 and " + MAX_BAKE_MINUTES + ", but was " + m + ".");
      }
      b.bakeTimeInMinutes(m);
    }
    if (given.alarms() != null) {
      DaemonAlarmConfiguration a = given.alarms();
      if (Boolean.TRUE.equals(a.enable()) && a.alarmNames().isEmpty()) {
        throw new InvalidParameterException(
            "alarmNames must name at least one alarm when alarms are enabled.");
      }
      b.alarms(a.toBuilder().enable(Boolean.TRUE.equals(a.enable())).build());
    }
    return b.build();
  }
}
