package io.kecs.ecs.setting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.RequestContext;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.SettingType;

class SettingRulesTest {
  private static final RequestContext CTX =
      new RequestContext("r", new Scope("123456789012", "us-east-1"));

  @Test
  void everyModelSettingNameHasARule() {
    Arrays.stream(SettingName.values())
        .filter(n -> n != SettingName.UNKNOWN_TO_SDK_VERSION)
        .forEach(n -> assertThat(SettingRules.find(n.toString())).as(n.toString()).isPresent());
    assertThat(SettingRules.find("dualStackIPv6")).isPresent();
  }

  @Test
  void awsDefaults() {
    assertThat(SettingRules.require("serviceLongArnFormat").awsDefault()).isEqualTo("enabled");
    assertThat(SettingRules.require("containerInsights").awsDefault()).isEqualTo("disabled");
    assertThat(SettingRules.require("fargateTaskRetirementWaitPeriod").awsDefault()).isEqualTo("7");
    assertThat(SettingRules.require("defaultLogDriverMode").awsDefault()).isEqualTo("non-blocking");
    assertThat(SettingRules.require("tagResourceAuthorization").awsDefault()).isEqualTo("on");
    assertThat(SettingRules.require("guardDutyActivate").type()).isEqualTo(SettingType.AWS_MANAGED);
    assertThat(SettingRules.require("awsvpcTrunking").type()).isEqualTo(SettingType.USER);
  }

  @Test
  void valuesAreCheckedPerSetting() {
    settable("containerInsights", "enhanced", false);
    settable("fargateTaskRetirementWaitPeriod", "14", true);
    settable("defaultLogDriverMode", "blocking", false);
    settable("tagResourceAuthorization", "off", false);
    refused("containerInsights", "on", false, "Invalid setting 'value'");
    refused("awsvpcTrunking", "ENABLED", false, "Invalid setting 'value'");
    refused("fargateTaskRetirementWaitPeriod", "3", true, "Invalid setting 'value'");
    refused("tagResourceAuthorization", "enabled", false, "Invalid setting 'value'");
  }

  @Test
  void longArnFormatsCanNoLongerBeDisabled() {
    settable("taskLongArnFormat", "enabled", false);
    refused("taskLongArnFormat", "disabled", true, "You can no longer disable");
  }

  @Test
  void accountOnlyAndReadOnlySettings() {
    refused("fargateTaskRetirementWaitPeriod", "0", false, "whole account");
    refused("fargateFIPSMode", "enabled", false, "whole account");
    settable("fargateFIPSMode", "enabled", true);
    refused("guardDutyActivate", "on", true, "read-only");
  }

  @Test
  void principals() {
    assertThat(Principals.resolve(CTX, null))
        .isEqualTo(Arn.parse("arn:aws:iam::123456789012:root").orElseThrow());
    assertThat(Principals.isRoot(Principals.resolve(CTX, "arn:aws:iam::123456789012:root")))
        .isTrue();
    assertThat(Principals.isRoot(Principals.resolve(CTX, "arn:aws:iam::123456789012:role/a/b")))
        .isFalse();
    assertThatThrownBy(() -> Principals.resolve(CTX, "arn:aws:iam::999999999999:user/x"))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () -> Principals.resolve(CTX, "arn:aws:sts::123456789012:assumed-role/r/session"))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> Principals.resolve(CTX, "not-an-arn"))
        .isInstanceOf(InvalidParameterException.class);
  }

  private static void settable(String name, String value, boolean root) {
    assertThatCode(() -> SettingRules.checkSettable(SettingRules.require(name), value, root))
        .doesNotThrowAnyException();
  }

  private static void refused(String name, String value, boolean root, String message) {
    assertThatThrownBy(() -> SettingRules.checkSettable(SettingRules.require(name), value, root))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(message);
  }
}
