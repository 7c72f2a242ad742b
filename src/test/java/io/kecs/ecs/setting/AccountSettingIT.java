package io.kecs.ecs.setting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsResponse;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.SettingType;

class AccountSettingIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  private static final String ROOT = "arn:aws:iam::000000000000:root";
  private static final String USER = "arn:aws:iam::000000000000:user/dev/alice";

  private final EcsClient ecs = kecs.ecs();

  private Map<String, Setting> effective(String principal) {
    return ecs
        .listAccountSettingsPaginator(r -> r.effectiveSettings(true).principalArn(principal))
        .settings()
        .stream()
        .collect(Collectors.toMap(Setting::nameAsString, s -> s));
  }

  @Test
  void everyAccountHasTheAwsDefaults() {
    Map<String, Setting> settings = effective(null);
    assertThat(settings).hasSize(12);
    assertThat(settings.get("serviceLongArnFormat").value()).isEqualTo("enabled");
    assertThat(settings.get("taskLongArnFormat").value()).isEqualTo("enabled");
    assertThat(settings.get("containerInsights").value()).isEqualTo("disabled");
    assertThat(settings.get("awsvpcTrunking").value()).isEqualTo("disabled");
    assertThat(settings.get("fargateTaskRetirementWaitPeriod").value()).isEqualTo("7");
    assertThat(settings.get("defaultLogDriverMode").value()).isEqualTo("non-blocking");
    assertThat(settings.get("dualStackIPv6").value()).isEqualTo("disabled");
    assertThat(settings.get("guardDutyActivate").type()).isEqualTo(SettingType.AWS_MANAGED);
    assertThat(settings.get("containerInsights").type()).isEqualTo(SettingType.USER);
    assertThat(settings.values()).allSatisfy(s -> assertThat(s.principalArn()).isEqualTo(ROOT));
    assertThat(ecs.listAccountSettings(r -> {}).settings()).isEmpty();
  }

  @Test
  void defaultsPrincipalsAndDeletion() {
    Setting def =
        ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enhanced"))
            .setting();
    assertThat(def.principalArn()).isEqualTo(ROOT);
    assertThat(def.value()).isEqualTo("enhanced");
    assertThat(def.type()).isEqualTo(SettingType.USER);
    assertThat(effective(USER).get("containerInsights").value()).isEqualTo("enhanced");
    assertThat(effective(USER).get("containerInsights").principalArn()).isEqualTo(USER);

    Setting own =
        ecs.putAccountSetting(
                r -> r.name(SettingName.CONTAINER_INSIGHTS).value("disabled").principalArn(USER))
            .setting();
    assertThat(own.principalArn()).isEqualTo(USER);
    assertThat(effective(USER).get("containerInsights").value()).isEqualTo("disabled");
    assertThat(effective(null).get("containerInsights").value()).isEqualTo("enhanced");
    assertThat(ecs.listAccountSettings(r -> r.principalArn(USER)).settings())
        .extracting(Setting::nameAsString, Setting::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("containerInsights", "disabled"));

    // PutAccountSetting for the caller (the root user) is the account default.
    ecs.putAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).value("enabled"));
    assertThat(effective(USER).get("awsvpcTrunking").value()).isEqualTo("enabled");
    assertThat(ecs.listAccountSettings(r -> {}).settings())
        .extracting(Setting::nameAsString)
        .containsExactly("awsvpcTrunking", "containerInsights");

    Setting deleted =
        ecs.deleteAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS).principalArn(USER))
            .setting();
    assertThat(deleted.value()).isEqualTo("disabled");
    assertThat(deleted.principalArn()).isEqualTo(USER);
    assertThat(effective(USER).get("containerInsights").value()).isEqualTo("enhanced");
    ecs.deleteAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS));
    assertThat(effective(USER).get("containerInsights").value()).isEqualTo("disabled");
    // Deleting what is not set answers the value that applies.
    assertThat(
            ecs.deleteAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS)).setting().value())
        .isEqualTo("disabled");
  }

  @Test
  void valuesAndPermissionsAreChecked() {
    assertThatThrownBy(
            () -> ecs.putAccountSetting(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("on")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Invalid setting 'value'");
    assertThatThrownBy(
            () ->
                ecs.putAccountSettingDefault(
                    r -> r.name(SettingName.SERVICE_LONG_ARN_FORMAT).value("disabled")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("You can no longer disable");
    assertThatThrownBy(
            () ->
                ecs.putAccountSettingDefault(
                    r -> r.name(SettingName.GUARD_DUTY_ACTIVATE).value("on")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.deleteAccountSetting(r -> r.name(SettingName.GUARD_DUTY_ACTIVATE)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.putAccountSetting(
                    r ->
                        r.name(SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD)
                            .value("0")
                            .principalArn(USER)))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(
            ecs.putAccountSettingDefault(
                    r -> r.name(SettingName.FARGATE_TASK_RETIREMENT_WAIT_PERIOD).value("14"))
                .setting()
                .value())
        .isEqualTo("14");
    assertThatThrownBy(
            () ->
                ecs.putAccountSetting(
                    r ->
                        r.name(SettingName.AWSVPC_TRUNKING)
                            .value("enabled")
                            .principalArn("arn:aws:iam::111122223333:user/bob")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.putAccountSetting(r -> r.name("noSuchSetting").value("enabled")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.listAccountSettings(r -> r.value("enabled")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void dualStackIpv6IsAcceptedThoughTheSdkEnumLacksIt() {
    Setting set =
        ecs.putAccountSettingDefault(r -> r.name("dualStackIPv6").value("enabled")).setting();
    assertThat(set.nameAsString()).isEqualTo("dualStackIPv6");
    assertThat(set.name()).isEqualTo(SettingName.UNKNOWN_TO_SDK_VERSION);
    assertThat(
            ecs.listAccountSettings(r -> r.name("dualStackIPv6").effectiveSettings(true))
                .settings())
        .singleElement()
        .satisfies(s -> assertThat(s.value()).isEqualTo("enabled"));
  }

  @Test
  void filtersAndPages() {
    ecs.putAccountSettingDefault(
        r -> r.name(SettingName.DEFAULT_LOG_DRIVER_MODE).value("blocking"));
    assertThat(
            ecs.listAccountSettings(
                    r ->
                        r.effectiveSettings(true)
                            .name(SettingName.DEFAULT_LOG_DRIVER_MODE)
                            .value("blocking"))
                .settings())
        .hasSize(1);
    assertThat(
            ecs.listAccountSettings(
                    r ->
                        r.effectiveSettings(true)
                            .name(SettingName.DEFAULT_LOG_DRIVER_MODE)
                            .value("non-blocking"))
                .settings())
        .isEmpty();

    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListAccountSettingsResponse page =
          ecs.listAccountSettings(r -> r.effectiveSettings(true).maxResults(5).nextToken(t));
      page.settings().forEach(s -> seen.add(s.nameAsString()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(12).doesNotHaveDuplicates().isSorted();
    ListAccountSettingsResponse first = ecs.listAccountSettings(r -> r.effectiveSettings(true));
    assertThat(first.settings()).hasSize(10);
    assertThat(first.nextToken()).isNotNull();
    assertThatThrownBy(() -> ecs.listAccountSettings(r -> r.maxResults(11)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.listAccountSettings(r -> r.nextToken("garbage")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void settingsArePerAccountAndRegion() {
    ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enabled"));
    try (EcsClient other = kecs.client("000000000000", Region.EU_WEST_1)) {
      assertThat(
              other
                  .listAccountSettings(
                      r -> r.effectiveSettings(true).name(SettingName.CONTAINER_INSIGHTS))
                  .settings()
                  .get(0)
                  .value())
          .isEqualTo("disabled");
    }
  }
}
