package io.kecs.ecs.cluster;

import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import software.amazon.awssdk.services.ecs.model.ClusterServiceConnectDefaults;
import software.amazon.awssdk.services.ecs.model.CreateClusterRequest;

/**
 * The Service Connect default namespace of a cluster. ECS takes a Cloud Map namespace name or ARN
 * and reports the ARN; until KECS serves Cloud Map, a name maps to a stable namespace ARN derived
 * from it, so the same name always gives the same ARN.
 */
final class ServiceConnectDefaults {
  private ServiceConnectDefaults() {}

  static ClusterServiceConnectDefaults of(Scope scope, CreateClusterRequest request) {
    return request.serviceConnectDefaults() == null
        ? null
        : of(scope, request.serviceConnectDefaults().namespace());
  }

  static ClusterServiceConnectDefaults of(Scope scope, String namespace) {
    if (namespace == null || namespace.isEmpty()) {
      return null;
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
