/**
 * ECS account settings: PutAccountSetting, PutAccountSettingDefault, DeleteAccountSetting and
 * ListAccountSettings. A setting is kept per account, Region and principal; the root user's setting
 * is the account default. The effective value for a principal is its own setting, else the account
 * default, else the AWS default ({@link io.kecs.ecs.setting.SettingRules}).
 *
 * <p>KECS does not verify signatures, so the calling principal is always the account's root user;
 * user and role settings are reached through {@code principalArn}. The settings are stored and
 * answered; the features they switch are applied by the aggregates that read them.
 */
package io.kecs.ecs.setting;
