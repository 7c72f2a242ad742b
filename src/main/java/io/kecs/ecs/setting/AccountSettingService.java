package io.kecs.ecs.setting;

import io.kecs.ecs.common.Names;
import io.kecs.ecs.common.Page;
import io.kecs.ecs.common.Pager;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.protocol.AwsJsonService;
import io.kecs.protocol.RequestContext;
import io.kecs.store.RecordTable;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.ecs.model.DeleteAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.DeleteAccountSettingResponse;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsRequest;
import software.amazon.awssdk.services.ecs.model.ListAccountSettingsResponse;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingDefaultRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingDefaultResponse;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingRequest;
import software.amazon.awssdk.services.ecs.model.PutAccountSettingResponse;
import software.amazon.awssdk.services.ecs.model.Setting;

/**
 * The account settings aggregate. Each explicit setting is one record (an ECS {@link Setting})
 * keyed by scope, setting name and principal; the root user's records are the account defaults.
 */
public final class AccountSettingService {
  private static final String KEY_TYPE = "account-setting";

  private final RecordTable<Setting> settings;
  private final Pager pager = new Pager("account-settings", 10, 10);

  public AccountSettingService(RecordTable<Setting> settings) {
    this.settings = settings;
  }

  /**
   * The value that applies to a principal (null: the account's root user): its own setting, else
   * the account default, else the AWS default. For aggregates whose behaviour a setting switches.
   */
  public String effectiveValue(Scope scope, String principalArn, String name) {
    Arn principal =
        principalArn == null
            ? Principals.root(scope.account())
            : Arn.parse(principalArn).orElseThrow();
    return effective(scope, principal, SettingRules.require(name)).value();
  }

  public synchronized PutAccountSettingResponse putAccountSetting(
      RequestContext ctx, PutAccountSettingRequest request) {
    Arn principal = Principals.resolve(ctx, request.principalArn());
    Setting saved = put(ctx.scope(), principal, request.nameAsString(), request.value());
    return PutAccountSettingResponse.builder().setting(saved).build();
  }

  public synchronized PutAccountSettingDefaultResponse putAccountSettingDefault(
      RequestContext ctx, PutAccountSettingDefaultRequest request) {
    Arn root = Principals.root(ctx.account());
    Setting saved = put(ctx.scope(), root, request.nameAsString(), request.value());
    return PutAccountSettingDefaultResponse.builder().setting(saved).build();
  }

  /**
   * Removes a principal's own setting (for the root user: the account default), so the next level
   * applies again. Answers the removed setting, or the value that applies when none was set.
   */
  public synchronized DeleteAccountSettingResponse deleteAccountSetting(
      RequestContext ctx, DeleteAccountSettingRequest request) {
    Arn principal = Principals.resolve(ctx, request.principalArn());
    SettingRules.Rule rule = SettingRules.require(request.nameAsString());
    SettingRules.checkChangeable(rule, Principals.isRoot(principal));
    String key = key(ctx.scope(), principal, rule.name());
    Optional<Setting> own = settings.get(key);
    own.ifPresent(s -> settings.delete(key));
    return DeleteAccountSettingResponse.builder()
        .setting(own.orElseGet(() -> effective(ctx.scope(), principal, rule)))
        .build();
  }

  public ListAccountSettingsResponse listAccountSettings(
      RequestContext ctx, ListAccountSettingsRequest request) {
    if (request.value() != null && request.nameAsString() == null) {
      throw new InvalidParameterException(
          "The value filter can only be used together with a setting name.");
    }
    Arn principal = Principals.resolve(ctx, request.principalArn());
    String name = request.nameAsString();
    TreeMap<String, Setting> listing = new TreeMap<>();
    for (SettingRules.Rule rule : SettingRules.RULES.values()) {
      if (name != null && !name.equals(rule.name())) {
        continue;
      }
      Optional<Setting> setting =
          Boolean.TRUE.equals(request.effectiveSettings())
              ? Optional.of(effective(ctx.scope(), principal, rule))
              : settings.get(key(ctx.scope(), principal, rule.name()));
      setting
          .filter(s -> request.value() == null || request.value().equals(s.value()))
          .ifPresent(s -> listing.put(rule.name(), s));
    }
    Page<Setting> page =
        pager.page(listing, s -> true, s -> s, request.maxResults(), request.nextToken());
    return ListAccountSettingsResponse.builder()
        .settings(page.items())
        .nextToken(page.nextToken())
        .build();
  }

  private Setting put(Scope scope, Arn principal, String name, String value) {
    SettingRules.Rule rule = SettingRules.require(name);
    SettingRules.checkSettable(rule, value, Principals.isRoot(principal));
    Setting setting = setting(rule, value, principal);
    return settings.put(key(scope, principal, rule.name()), setting);
  }

  /** The setting that applies to a principal, answered under that principal's ARN. */
  private Setting effective(Scope scope, Arn principal, SettingRules.Rule rule) {
    String value =
        settings
            .get(key(scope, principal, rule.name()))
            .or(() -> settings.get(key(scope, Principals.root(scope.account()), rule.name())))
            .map(Setting::value)
            .orElse(rule.awsDefault());
    return setting(rule, value, principal);
  }

  private static Setting setting(SettingRules.Rule rule, String value, Arn principal) {
    return Setting.builder()
        .name(rule.name())
        .value(value)
        .principalArn(principal.toString())
        .type(rule.type())
        .build();
  }

  /** Record ids: one scope's settings share the prefix {@code Names.arnPrefix(scope, KEY_TYPE)}. */
  private static String key(Scope scope, Arn principal, String name) {
    return Names.arnPrefix(scope, KEY_TYPE) + name + "|" + principal;
  }

  /** Binds the ECS operations this service answers. */
  public void bind(AwsJsonService api) {
    api.add("PutAccountSetting", PutAccountSettingRequest.class, this::putAccountSetting)
        .add(
            "PutAccountSettingDefault",
            PutAccountSettingDefaultRequest.class,
            this::putAccountSettingDefault)
        .add("DeleteAccountSetting", DeleteAccountSettingRequest.class, this::deleteAccountSetting)
        .add("ListAccountSettings", ListAccountSettingsRequest.class, this::listAccountSettings);
  }
}
