package io.kecs.ecs.setting;

import io.kecs.ecs.error.InvalidParameterException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ecs.model.SettingType;

/**
 * What each account setting accepts, its AWS default, and who may change it, as the ECS API
 * reference and developer guide document them.
 */
public final class SettingRules {
  /**
   * One setting.
   *
   * @param accountOnly only settable for the whole account (root user or PutAccountSettingDefault)
   * @param awsManaged read-only: AWS sets it on the customer's behalf
   * @param noDisable the value {@code disabled} is refused (ECS no longer lets accounts opt out)
   */
  public record Rule(
      String name,
      List<String> values,
      String awsDefault,
      boolean accountOnly,
      boolean awsManaged,
      boolean noDisable) {
    public SettingType type() {
      return awsManaged ? SettingType.AWS_MANAGED : SettingType.USER;
    }
  }

  public static final String DUAL_STACK_IPV6 = "dualStackIPv6";
  private static final List<String> ON_OFF = List.of("enabled", "disabled");

  /** Every setting by name, in name order (the order ListAccountSettings answers in). */
  static final Map<String, Rule> RULES = Collections.unmodifiableMap(rules());

  private static Map<String, Rule> rules() {
    Map<String, Rule> rules = new TreeMap<>();
    Consumer<Rule> add = r -> rules.put(r.name(), r);
    add.accept(new Rule("serviceLongArnFormat", ON_OFF, "enabled", false, false, true));
    add.accept(new Rule("taskLongArnFormat", ON_OFF, "enabled", false, false, true));
    add.accept(new Rule("containerInstanceLongArnFormat", ON_OFF, "enabled", false, false, true));
    add.accept(new Rule("awsvpcTrunking", ON_OFF, "disabled", false, false, false));
    add.accept(
        new Rule(
            "containerInsights",
            List.of("enabled", "disabled", "enhanced"),
            "disabled",
            false,
            false,
            false));
    add.accept(new Rule(DUAL_STACK_IPV6, ON_OFF, "disabled", false, false, false));
    add.accept(new Rule("fargateFIPSMode", ON_OFF, "disabled", true, false, false));
    add.accept(
        new Rule("tagResourceAuthorization", List.of("on", "off"), "on", false, false, false));
    add.accept(
        new Rule(
            "fargateTaskRetirementWaitPeriod", List.of("0", "7", "14"), "7", true, false, false));
    add.accept(new Rule("guardDutyActivate", List.of("on", "off"), "off", false, true, false));
    add.accept(
        new Rule(
            "defaultLogDriverMode",
            List.of("blocking", "non-blocking"),
            "non-blocking",
            false,
            false,
            false));
    add.accept(new Rule("fargateEventWindows", ON_OFF, "disabled", false, false, false));
    return rules;
  }

  private SettingRules() {}

  public static Optional<Rule> find(String name) {
    return Optional.ofNullable(RULES.get(name));
  }

  static Rule require(String name) {
    return find(name)
        .orElseThrow(() -> new InvalidParameterException("Invalid setting 'name': " + name));
  }

  /** Checks that {@code value} may be set for this setting by a root or non-root principal. */
  static void checkSettable(Rule rule, String value, boolean forRoot) {
    checkChangeable(rule, forRoot);
    if (value == null || !rule.values().contains(value)) {
      throw new InvalidParameterException(
          "Invalid setting 'value'. Valid values for "
              + rule.name()
              + " are: "
              + String.join(", ", rule.values())
              + ".");
    }
    if (rule.noDisable() && value.equals("disabled")) {
      throw new InvalidParameterException("You can no longer disable Long Arn settings.");
    }
  }

  /** Checks that a principal may change (set or delete) this setting at all. */
  static void checkChangeable(Rule rule, boolean forRoot) {
    if (rule.awsManaged()) {
      throw new InvalidParameterException(
          "The "
              + rule.name()
              + " account setting is read-only: it is managed by AWS on your behalf.");
    }
    if (rule.accountOnly() && !forRoot) {
      throw new InvalidParameterException(
          "The "
              + rule.name()
              + " account setting can only be changed for the whole account: use the root user"
              + " or PutAccountSettingDefault.");
    }
  }
}
