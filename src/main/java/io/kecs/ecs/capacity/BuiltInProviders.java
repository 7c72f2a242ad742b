package io.kecs.ecs.capacity;

import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.util.List;
import software.amazon.awssdk.services.ecs.model.CapacityProvider;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStatus;
import software.amazon.awssdk.services.ecs.model.CapacityProviderType;

/**
 * FARGATE and FARGATE_SPOT: present in every account and Region, so they are never stored; they
 * cannot be created, updated, deleted or tagged.
 */
public final class BuiltInProviders {
  public static final String FARGATE = "FARGATE";
  public static final String FARGATE_SPOT = "FARGATE_SPOT";
  static final List<String> NAMES = List.of(FARGATE, FARGATE_SPOT);

  private BuiltInProviders() {}

  /** Whether a capacity provider name is one of the Fargate providers. */
  public static boolean isFargate(String name) {
    return FARGATE.equals(name) || FARGATE_SPOT.equals(name);
  }

  static CapacityProvider of(Scope scope, String name) {
    return CapacityProvider.builder()
        .capacityProviderArn(Arn.ecs(scope, CapacityProviderStore.TYPE, name).toString())
        .name(name)
        .status(CapacityProviderStatus.ACTIVE)
        .type(
            FARGATE.equals(name) ? CapacityProviderType.FARGATE : CapacityProviderType.FARGATE_SPOT)
        .build();
  }
}
