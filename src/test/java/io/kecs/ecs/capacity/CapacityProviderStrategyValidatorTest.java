package io.kecs.ecs.capacity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kecs.ecs.error.InvalidParameterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;

class CapacityProviderStrategyValidatorTest {
  private static final Set<String> AVAILABLE = Set.of("FARGATE", "FARGATE_SPOT", "asg-a", "asg-b");

  private static CapacityProviderStrategyItem item(String name, Integer weight, Integer base) {
    return CapacityProviderStrategyItem.builder()
        .capacityProvider(name)
        .weight(weight)
        .base(base)
        .build();
  }

  private static void valid(CapacityProviderStrategyItem... items) {
    assertThatCode(() -> CapacityProviderStrategyValidator.validate(List.of(items), AVAILABLE))
        .doesNotThrowAnyException();
  }

  private static void invalid(String messagePart, CapacityProviderStrategyItem... items) {
    assertThatThrownBy(() -> CapacityProviderStrategyValidator.validate(List.of(items), AVAILABLE))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining(messagePart);
  }

  @Test
  void emptyOrAbsentStrategiesAreValid() {
    assertThatCode(() -> CapacityProviderStrategyValidator.validate(null, Set.of()))
        .doesNotThrowAnyException();
    assertThatCode(() -> CapacityProviderStrategyValidator.validate(List.of(), Set.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsDocumentedShapes() {
    valid(item("FARGATE", 1, 1), item("FARGATE_SPOT", 4, null));
    valid(item("asg-a", null, null));
    valid(item("asg-a", 1000, 100_000), item("asg-b", 0, 0));
  }

  @Test
  void weightAndBaseRanges() {
    invalid("weight", item("FARGATE", 1001, null));
    invalid("weight", item("FARGATE", -1, null));
    invalid("base", item("FARGATE", 1, 100_001));
    invalid("base", item("FARGATE", 1, -1));
  }

  @Test
  void onlyOneItemMayHaveABase() {
    invalid("Only one capacity provider", item("FARGATE", 1, 1), item("FARGATE_SPOT", 1, 2));
    valid(item("FARGATE", 1, 5), item("FARGATE_SPOT", 1, 0));
  }

  @Test
  void fargateAndAutoScalingProvidersDoNotMix() {
    invalid("mix", item("FARGATE", 1, null), item("asg-a", 1, null));
  }

  @Test
  void providersMustBeAvailableAndDistinct() {
    invalid("not associated", item("other", 1, null));
    invalid("duplicate", item("asg-a", 1, null), item("asg-a", 2, null));
  }

  @Test
  void atMostTwentyItems() {
    List<CapacityProviderStrategyItem> items = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      items.add(item("p" + i, 1, null));
    }
    assertThatThrownBy(() -> CapacityProviderStrategyValidator.validate(items, Set.of()))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("maximum of 20");
  }

  @Test
  void placementNeedsAWeightAboveZeroWhenSeveralProviders() {
    List<CapacityProviderStrategyItem> zero =
        List.of(item("asg-a", 0, 1), item("asg-b", null, null));
    assertThatCode(() -> CapacityProviderStrategyValidator.validate(zero, AVAILABLE))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () -> CapacityProviderStrategyValidator.validateForPlacement(zero, AVAILABLE))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("weight greater than 0");
    assertThatCode(
            () ->
                CapacityProviderStrategyValidator.validateForPlacement(
                    List.of(item("asg-a", 0, null)), AVAILABLE))
        .doesNotThrowAnyException();
  }
}
