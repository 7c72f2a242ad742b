package io.kecs.ecs.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.testing.KecsTestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderField;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStatus;
import software.amazon.awssdk.services.ecs.model.CapacityProviderType;
import software.amazon.awssdk.services.ecs.model.CapacityProviderUpdateStatus;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.DescribeCapacityProvidersResponse;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ManagedDraining;
import software.amazon.awssdk.services.ecs.model.ManagedScalingStatus;
import software.amazon.awssdk.services.ecs.model.ManagedTerminationProtection;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Capacity providers on their own; cluster association is in {@link ClusterCapacityProvidersIT}.
 */
class CapacityProviderIT {
  @RegisterExtension static KecsTestServer kecs = new KecsTestServer();

  static final String ARN_PREFIX = "arn:aws:ecs:us-east-1:000000000000:capacity-provider/";

  private final EcsClient ecs = kecs.ecs();

  static String asg(String name) {
    return "arn:aws:autoscaling:us-east-1:000000000000:autoScalingGroup:"
        + "5098c24f-d26e-4e9c-9bd8-8d88de1ec613:autoScalingGroupName/"
        + name;
  }

  static CapacityProvider create(EcsClient ecs, String name) {
    return ecs.createCapacityProvider(
            r -> r.name(name).autoScalingGroupProvider(a -> a.autoScalingGroupArn(asg(name))))
        .capacityProvider();
  }

  @Test
  void fargateProvidersExistEverywhere() {
    DescribeCapacityProvidersResponse all = ecs.describeCapacityProviders(r -> {});
    assertThat(all.capacityProviders())
        .extracting(CapacityProvider::name)
        .containsExactly("FARGATE", "FARGATE_SPOT");
    CapacityProvider fargate = all.capacityProviders().get(0);
    assertThat(fargate.capacityProviderArn()).isEqualTo(ARN_PREFIX + "FARGATE");
    assertThat(fargate.status()).isEqualTo(CapacityProviderStatus.ACTIVE);
    assertThat(fargate.type()).isEqualTo(CapacityProviderType.FARGATE);
    assertThat(all.nextToken()).isNull();
    try (EcsClient other = kecs.client("111122223333", Region.EU_WEST_1)) {
      assertThat(other.describeCapacityProviders(r -> r.capacityProviders("FARGATE_SPOT")))
          .satisfies(
              d ->
                  assertThat(d.capacityProviders().get(0).capacityProviderArn())
                      .isEqualTo(
                          "arn:aws:ecs:eu-west-1:111122223333:capacity-provider/FARGATE_SPOT"));
    }
  }

  @Test
  void createDescribeUpdateDelete() {
    CapacityProvider created =
        ecs.createCapacityProvider(
                r ->
                    r.name("web_cp-1")
                        .autoScalingGroupProvider(a -> a.autoScalingGroupArn(asg("web")))
                        .tags(Tag.builder().key("team").value("a").build()))
            .capacityProvider();
    assertThat(created.capacityProviderArn()).isEqualTo(ARN_PREFIX + "web_cp-1");
    assertThat(created.status()).isEqualTo(CapacityProviderStatus.ACTIVE);
    assertThat(created.type()).isEqualTo(CapacityProviderType.EC2_AUTOSCALING);
    assertThat(created.tags()).containsExactly(Tag.builder().key("team").value("a").build());
    var group = created.autoScalingGroupProvider();
    assertThat(group.autoScalingGroupArn()).isEqualTo(asg("web"));
    assertThat(group.managedDraining()).isEqualTo(ManagedDraining.ENABLED);
    assertThat(group.managedTerminationProtection())
        .isEqualTo(ManagedTerminationProtection.DISABLED);
    assertThat(group.managedScaling().status()).isEqualTo(ManagedScalingStatus.DISABLED);
    assertThat(group.managedScaling().targetCapacity()).isEqualTo(100);
    assertThat(group.managedScaling().minimumScalingStepSize()).isEqualTo(1);
    assertThat(group.managedScaling().maximumScalingStepSize()).isEqualTo(10_000);
    assertThat(group.managedScaling().instanceWarmupPeriod()).isEqualTo(300);

    CapacityProvider described =
        ecs.describeCapacityProviders(
                r ->
                    r.capacityProviders(created.capacityProviderArn())
                        .include(CapacityProviderField.TAGS))
            .capacityProviders()
            .get(0);
    assertThat(described.tags()).containsExactly(Tag.builder().key("team").value("a").build());
    assertThat(
            ecs.describeCapacityProviders(r -> r.capacityProviders("web_cp-1"))
                .capacityProviders()
                .get(0)
                .hasTags())
        .isFalse();

    CapacityProvider updated =
        ecs.updateCapacityProvider(
                r ->
                    r.name("web_cp-1")
                        .autoScalingGroupProvider(
                            u ->
                                u.managedScaling(s -> s.status("ENABLED").targetCapacity(80))
                                    .managedTerminationProtection("ENABLED")
                                    .managedDraining("DISABLED")))
            .capacityProvider();
    assertThat(updated.updateStatus()).isEqualTo(CapacityProviderUpdateStatus.UPDATE_COMPLETE);
    assertThat(updated.autoScalingGroupProvider().managedScaling().targetCapacity()).isEqualTo(80);
    assertThat(updated.autoScalingGroupProvider().managedScaling().instanceWarmupPeriod())
        .isEqualTo(300);
    assertThat(updated.autoScalingGroupProvider().managedTerminationProtection())
        .isEqualTo(ManagedTerminationProtection.ENABLED);
    assertThat(updated.autoScalingGroupProvider().managedDraining())
        .isEqualTo(ManagedDraining.DISABLED);

    CapacityProvider deleted =
        ecs.deleteCapacityProvider(r -> r.capacityProvider(created.capacityProviderArn()))
            .capacityProvider();
    assertThat(deleted.status()).isEqualTo(CapacityProviderStatus.INACTIVE);
    assertThat(deleted.updateStatus()).isEqualTo(CapacityProviderUpdateStatus.DELETE_COMPLETE);
    assertThat(
            ecs.describeCapacityProviders(r -> r.capacityProviders("web_cp-1")).capacityProviders())
        .singleElement()
        .satisfies(p -> assertThat(p.status()).isEqualTo(CapacityProviderStatus.INACTIVE));
    assertThat(ecs.describeCapacityProviders(r -> {}).capacityProviders())
        .extracting(CapacityProvider::name)
        .containsExactly("FARGATE", "FARGATE_SPOT");
    assertThatThrownBy(() -> ecs.deleteCapacityProvider(r -> r.capacityProvider("web_cp-1")))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () ->
                ecs.updateCapacityProvider(
                    r ->
                        r.name("web_cp-1")
                            .autoScalingGroupProvider(u -> u.managedDraining("ENABLED"))))
        .isInstanceOf(ClientException.class);

    // A deleted provider frees its name and its Auto Scaling group.
    CapacityProvider again =
        ecs.createCapacityProvider(
                r ->
                    r.name("web_cp-1")
                        .autoScalingGroupProvider(a -> a.autoScalingGroupArn(asg("web"))))
            .capacityProvider();
    assertThat(again.status()).isEqualTo(CapacityProviderStatus.ACTIVE);
  }

  @Test
  void createIsValidated() {
    for (String bad : List.of("aws-x", "ECSx", "Fargate2", "bad name", "x".repeat(256), "a/b")) {
      assertThatThrownBy(() -> create(ecs, bad))
          .as(bad)
          .isInstanceOf(ClientException.class)
          .hasMessageContaining("name is invalid");
    }
    create(ecs, "one");
    assertThatThrownBy(() -> create(ecs, "one"))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("already exists");
    assertThatThrownBy(
            () ->
                ecs.createCapacityProvider(
                    r -> r.name("two").autoScalingGroupProvider(a -> a.autoScalingGroupArn("one"))))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("Auto Scaling group ARN is already being used");
    assertThatThrownBy(
            () ->
                ecs.createCapacityProvider(
                    r ->
                        r.name("three")
                            .autoScalingGroupProvider(
                                a ->
                                    a.autoScalingGroupArn(asg("three"))
                                        .managedTerminationProtection("ENABLED"))))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("managed termination protection");
    assertThatThrownBy(
            () ->
                ecs.createCapacityProvider(
                    r ->
                        r.name("three")
                            .autoScalingGroupProvider(
                                a ->
                                    a.autoScalingGroupArn(asg("three"))
                                        .managedScaling(s -> s.targetCapacity(0)))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.createCapacityProvider(r -> r.name("three")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.createCapacityProvider(
                    r ->
                        r.name("three")
                            .cluster("default")
                            .autoScalingGroupProvider(a -> a.autoScalingGroupArn(asg("three")))))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(
            () ->
                ecs.createCapacityProvider(
                    r ->
                        r.name("three")
                            .tags(Tag.builder().key("aws:x").value("v").build())
                            .autoScalingGroupProvider(a -> a.autoScalingGroupArn(asg("three")))))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void fargateProvidersCannotBeChanged() {
    assertThatThrownBy(
            () ->
                ecs.updateCapacityProvider(
                    r ->
                        r.name("FARGATE")
                            .autoScalingGroupProvider(u -> u.managedDraining("ENABLED"))))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(() -> ecs.deleteCapacityProvider(r -> r.capacityProvider("FARGATE_SPOT")))
        .isInstanceOf(ClientException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(
            () ->
                ecs.tagResource(
                    r ->
                        r.resourceArn(ARN_PREFIX + "FARGATE")
                            .tags(Tag.builder().key("k").value("v").build())))
        .isInstanceOf(ClientException.class);
  }

  @Test
  void tagsOnCustomProviders() {
    String arn = create(ecs, "tagged").capacityProviderArn();
    ecs.tagResource(
        r ->
            r.resourceArn(arn)
                .tags(
                    Tag.builder().key("a").value("1").build(),
                    Tag.builder().key("b").value("2").build()));
    ecs.untagResource(r -> r.resourceArn(arn).tagKeys("a"));
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .containsExactly(Tag.builder().key("b").value("2").build());
    assertThatThrownBy(() -> ecs.listTagsForResource(r -> r.resourceArn(ARN_PREFIX + "none")))
        .isInstanceOf(software.amazon.awssdk.services.ecs.model.ResourceNotFoundException.class);
  }

  @Test
  void describePagesAndReportsMissingNames() {
    for (int i = 0; i < 12; i++) {
      create(ecs, "cp" + String.format("%02d", i));
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      DescribeCapacityProvidersResponse page =
          ecs.describeCapacityProviders(r -> r.maxResults(5).nextToken(t));
      assertThat(page.capacityProviders()).hasSizeLessThanOrEqualTo(5);
      page.capacityProviders().forEach(p -> seen.add(p.name()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(14).doesNotHaveDuplicates().startsWith("FARGATE", "FARGATE_SPOT");
    DescribeCapacityProvidersResponse first = ecs.describeCapacityProviders(r -> {});
    assertThat(first.capacityProviders()).hasSize(10);
    assertThat(first.nextToken()).isNotNull();

    DescribeCapacityProvidersResponse named =
        ecs.describeCapacityProviders(
            r -> r.capacityProviders("cp01", "nope", ARN_PREFIX + "cp02", "FARGATE"));
    assertThat(named.capacityProviders())
        .extracting(CapacityProvider::name)
        .containsExactly("cp01", "cp02", "FARGATE");
    assertThat(named.failures())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.arn()).isEqualTo(ARN_PREFIX + "nope");
              assertThat(f.reason()).isEqualTo("MISSING");
            });

    assertThatThrownBy(() -> ecs.describeCapacityProviders(r -> r.maxResults(11)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.describeCapacityProviders(r -> r.maxResults(0)))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> ecs.describeCapacityProviders(r -> r.nextToken("garbage")))
        .isInstanceOf(InvalidParameterException.class);
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      tooMany.add("p" + i);
    }
    assertThatThrownBy(() -> ecs.describeCapacityProviders(r -> r.capacityProviders(tooMany)))
        .isInstanceOf(InvalidParameterException.class);
  }
}
