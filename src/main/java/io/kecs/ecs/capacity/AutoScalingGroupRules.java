package io.kecs.ecs.capacity;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.identity.Arn;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.model.AutoScalingGroupProvider;
import software.amazon.awssdk.services.ecs.model.AutoScalingGroupProviderUpdate;
import software.amazon.awssdk.services.ecs.model.ManagedDraining;
import software.amazon.awssdk.services.ecs.model.ManagedScaling;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;

/**
 * The Auto Scaling group provider settings: the defaults ECS fills in (managed scaling off with
 * target 100%, steps 1..10000, 300 s warm-up; draining on; termination protection off), the ranges
 * of the model, and the rule that termination protection needs managed scaling.
 */
final class AutoScalingGroupRules {
  private static final String GROUP_NAME = "autoScalingGroupName/";
  static final ManagedScaling DEFAULT_SCALING =
      ManagedScaling.builder()
          .status(ManagedScalingStatus.DISABLED)
          .targetCapacity(100)
          .minimumScalingStepSize(1)
          .maximumScalingStepSize(10_000)
          .instanceWarmupPeriod(300)
          .build();

  private AutoScalingGroupRules() {}

  /** The provider as created: what was given, with ECS's defaults for what was not. */
  static AutoScalingGroupProvider forCreate(AutoScalingGroupProvider given) {
    String group = given.autoScalingGroupArn();
    if (group == null || group.isBlank() || groupNameOf(group).isEmpty()) {
      throw new InvalidParameterException(
          "The specified Auto Scaling group ARN is invalid. Specify the ARN or the name of an Auto"
              + " Scaling group and try again.");
    }
    AutoScalingGroupProvider provider =
        AutoScalingGroupProvider.builder()
            .autoScalingGroupArn(group)
            .managedScaling(merge(DEFAULT_SCALING, given.managedScaling()))
            .managedTerminationProtection(
                given.managedTerminationProtection() == null
                    ? ManagedTerminationProtection.DISABLED
                    : given.managedTerminationProtection())
            .managedDraining(
                given.managedDraining() == null ? ManagedDraining.ENABLED : given.managedDraining())
            .build();
    check(provider);
    return provider;
  }

  /** The provider after UpdateCapacityProvider: members not given keep their current value. */
  static AutoScalingGroupProvider forUpdate(
      AutoScalingGroupProvider current, AutoScalingGroupProviderUpdate update) {
    AutoScalingGroupProvider.Builder b = current.toBuilder();
    b.managedScaling(merge(current.managedScaling(), update.managedScaling()));
    if (update.managedTerminationProtection() != null) {
      b.managedTerminationProtection(update.managedTerminationProtection());
    }
    if (update.managedDraining() != null) {
      b.managedDraining(update.managedDraining());
    }
    AutoScalingGroupProvider provider = b.build();
    check(provider);
    return provider;
  }

  /** The group name an ARN or name designates; the key that makes a group usable only once. */
  static String groupName(String arnOrName) {
    return groupNameOf(arnOrName).orElse(arnOrName);
  }

  private static Optional<String> groupNameOf(String arnOrName) {
    if (!Arn.looksLikeArn(arnOrName)) {
      return arnOrName.length() <= 255 && !arnOrName.contains(":")
          ? Optional.of(arnOrName)
          : Optional.empty();
    }
    return Arn.parse(arnOrName)
        .filter(a -> a.service().equals("autoscaling"))
        .filter(a -> a.resource().startsWith("autoScalingGroup:"))
        .map(Arn::resource)
        .filter(r -> r.contains(GROUP_NAME))
        .map(r -> r.substring(r.indexOf(GROUP_NAME) + GROUP_NAME.length()))
        .filter(name -> !name.isEmpty());
  }

  private static ManagedScaling merge(ManagedScaling base, ManagedScaling given) {
    if (given == null) {
      return base;
    }
    ManagedScaling.Builder b = base.toBuilder();
    if (given.status() != null) {
      b.status(given.status());
    }
    if (given.targetCapacity() != null) {
      b.targetCapacity(given.targetCapacity());
    }
    if (given.minimumScalingStepSize() != null) {
      b.minimumScalingStepSize(given.minimumScalingStepSize());
    }
    if (given.maximumScalingStepSize() != null) {
      b.maximumScalingStepSize(given.maximumScalingStepSize());
    }
    if (given.instanceWarmupPeriod() != null) {
      b.instanceWarmupPeriod(given.instanceWarmupPeriod());
    }
    return b.build();
  }

  private static void check(AutoScalingGroupProvider provider) {
    ManagedScaling s = provider.managedScaling();
    range("targetCapacity", s.targetCapacity(), 1, 100);
    range("minimumScalingStepSize", s.minimumScalingStepSize(), 1, 10_000);
    range("maximumScalingStepSize", s.maximumScalingStepSize(), 1, 10_000);
    range("instanceWarmupPeriod", s.instanceWarmupPeriod(), 0, 10_000);
    if (s.minimumScalingStepSize() > s.maximumScalingStepSize()) {
      throw new InvalidParameterException(
          "The managed scaling minimumScalingStepSize ("
              + s.minimumScalingStepSize()
              + ") cannot be greater than the maximumScalingStepSize ("
              + s.maximumScalingStepSize()
              + ").");
    }
    if (provider.managedTerminationProtection() == ManagedTerminationProtection.ENABLED
        && s.status() != ManagedScalingStatus.ENABLED) {
      throw new ClientException(
          "The managed termination protection setting for the capacity provider is invalid. To"
              + " enable managed termination protection for a capacity provider, managed scaling"
              + " must also be enabled.");
    }
  }

  private static void range(String member, int value, int min, int max) {
    if (value < min || value > max) {
      throw new InvalidParameterException(
          "The managed scaling "
              + member
              + " value "
              + value
              + " is invalid. Specify a value between "
              + min
              + " and "
              + max
              + ".");
    }
  }
}
