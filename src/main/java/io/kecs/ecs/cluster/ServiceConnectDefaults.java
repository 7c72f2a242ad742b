package io.kecs.ecs.cluster;

import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.model.ClusterServiceConnectDefaults;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;

/**
 * The Service Connect default namespace of a cluster. ECS takes a Cloud Map namespace name or ARN
 * and reports the ARN; a name that names no namespace creates an HTTP namespace of that name (what
 * ECS does). Without Cloud Map wired (unit tests), a name maps to a stable namespace ARN derived
 * from it, so the same name always gives the same ARN.
 */
final class ServiceConnectDefaults {
  private ServiceConnectDefaults() {}

  static ClusterServiceConnectDefaults of(
      Scope scope,
      CreateClusterRequest request,
      java.util.function.BiFunction<Scope, String, String> resolver) {
    return request.serviceConnectDefaults() == null
        ? null
        : of(scope, request.serviceConnectDefaults().namespace(), resolver);
  }

  /**
   * @param resolver Cloud Map's namespaces (name or ARN to ARN, creating one), or null
   */
  static ClusterServiceConnectDefaults of(
      Scope scope,
      String namespace,
      java.util.function.BiFunction<Scope, String, String> resolver) {
    if (namespace == null || namespace.isEmpty()) {
      return null;
    }
    if (resolver != null) {
      return ClusterServiceConnectDefaults.builder()
          .namespace(resolver.apply(scope, namespace))
          .build();
    }
    String arn =
        Arn.looksLikeArn(namespace)
            ? namespace
            : new Arn(
                    Arn.PARTITION,
                    "servicediscovery",
                    scope.region(),
                    scope.account(),
                    "namespace/ns-" + stableId(scope, namespace))
                .toString();
    return ClusterServiceConnectDefaults.builder().namespace(arn).build();
  }

  private static String stableId(Scope scope, String name) {
    String seed = scope.account() + "/" + scope.region() + "/" + name;
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8))
        .toString()
        .replace("-", "")
        .substring(0, 16);
  }
}
