package io.kecs.ecs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.ecs.error.ClientException;
import io.kecs.ecs.error.InvalidParameterException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.AutoScalingGroupProvider;
import software.amazon.awssdk.services.ecs.model.AutoScalingGroupProviderUpdate;
import software.amazon.awssdk.services.ecs.model.ManagedDraining;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;

class AutoScalingGroupRulesTest {
  private static final String ASG =
      "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:"
          + "5098c24f-d26e-4e9c-9bd8-8d88de1ec613:autoScalingGroupName/web-asg";

  @Test
  void fillsTheDefaultsEcsReports() {
    AutoScalingGroupProvider p =
        AutoScalingGroupRules.forCreate(
            AutoScalingGroupProvider.builder().autoScalingGroupArn(ASG).build());
    assertThat(p.managedScaling()).isEqualTo(AutoScalingGroupRules.DEFAULT_SCALING);
    assertThat(p.managedDraining()).isEqualTo(ManagedDraining.ENABLED);
    assertThat(p.managedTerminationProtection()).isEqualTo(ManagedTerminationProtection.DISABLED);
  }

  @Test
  void mergesPartialManagedScaling() {
    AutoScalingGroupProvider p =
        AutoScalingGroupRules.forCreate(
            AutoScalingGroupProvider.builder()
                .autoScalingGroupArn(ASG)
                .managedScaling(s -> s.status("ENABLED").minimumScalingStepSize(2))
                .build());
    assertThat(p.managedScaling().status()).isEqualTo(ManagedScalingStatus.ENABLED);
    assertThat(p.managedScaling().minimumScalingStepSize()).isEqualTo(2);
    assertThat(p.managedScaling().maximumScalingStepSize()).isEqualTo(10_000);
    assertThat(p.managedScaling().targetCapacity()).isEqualTo(100);
  }

  @Test
  void rangesAndStepOrder() {
    assertThatThrownBy(() -> create(b -> b.managedScaling(s -> s.targetCapacity(0))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> create(b -> b.managedScaling(s -> s.targetCapacity(101))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> create(b -> b.managedScaling(s -> s.instanceWarmupPeriod(10_001))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                create(
                    b ->
                        b.managedScaling(
                            s -> s.minimumScalingStepSize(5).maximumScalingStepSize(4))))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void terminationProtectionNeedsManagedScaling() {
    assertThatThrownBy(() -> create(b -> b.managedTerminationProtection("ENABLED")))
        .isInstanceOf(ClientException.class);
    AutoScalingGroupProvider ok =
        create(
            b ->
                b.managedTerminationProtection("ENABLED").managedScaling(s -> s.status("ENABLED")));
    assertThatThrownBy(
            () ->
                AutoScalingGroupRules.forUpdate(
                    ok,
                    AutoScalingGroupProviderUpdate.builder()
                        .managedScaling(s -> s.status("DISABLED"))
                        .build()))
        .isInstanceOf(ClientException.class);
  }

  @Test
  void groupNamesFromArnsAndNames() {
    assertThat(AutoScalingGroupRules.groupName(ASG)).isEqualTo("web-asg");
    assertThat(AutoScalingGroupRules.groupName("web-asg")).isEqualTo("web-asg");
    assertThatThrownBy(
            () -> create(b -> b.autoScalingGroupArn("arn:aws:ec2:us-east-1:1:instance/i")))
        .isInstanceOf(InvalidParameterException.class);
  }

  private static AutoScalingGroupProvider create(
      java.util.function.Consumer<AutoScalingGroupProvider.Builder> change) {
    AutoScalingGroupProvider.Builder b =
        AutoScalingGroupProvider.builder().autoScalingGroupArn(ASG);
    change.accept(b);
    return AutoScalingGroupRules.forCreate(b.build());
  }
}
