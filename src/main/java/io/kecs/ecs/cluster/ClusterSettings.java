package io.kecs.ecs.cluster;

import io.kecs.ecs.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;

/** The cluster settings rules: only containerInsights, with the values ECS accepts. */
final class ClusterSettings {
  private static final Set<String> INSIGHTS_VALUES = Set.of("enabled", "disabled", "enhanced");

  private ClusterSettings() {}

  static void validate(List<ClusterSetting> settings) {
    if (settings == null) {
      return;
    }
    for (ClusterSetting s : settings) {
      if (s.name() != ClusterSettingName.CONTAINER_INSIGHTS) {
        throw new InvalidParameterException(
            "Unsupported cluster setting name: " + s.nameAsString());
      }
      if (s.value() == null || !INSIGHTS_VALUES.contains(s.value())) {
        throw new InvalidParameterException(
            "The value for containerInsights must be one of enabled, disabled, enhanced.");
      }
    }
  }

  /**
   * A cluster created without containerInsights gets the account's containerInsights setting, as on
   * ECS (the AWS default is disabled).
   */
  static List<ClusterSetting> withDefaults(List<ClusterSetting> given, String accountInsights) {
    return merge(
        List.of(
            ClusterSetting.builder()
                .name(ClusterSettingName.CONTAINER_INSIGHTS)
                .value(accountInsights)
                .build()),
        given);
  }

  static List<ClusterSetting> merge(List<ClusterSetting> current, List<ClusterSetting> changes) {
    Map<String, ClusterSetting> byName = new LinkedHashMap<>();
    current.forEach(s -> byName.put(s.nameAsString(), s));
    if (changes != null) {
      changes.forEach(s -> byName.put(s.nameAsString(), s));
    }
    return new ArrayList<>(byName.values());
  }
}
