package io.kecs.protocol;

import java.util.Optional;
import java.util.Set;

/**
 * One AWS service KECS serves itself (ECS, ELBv2, Cloud Map, ...). A module says how clients
 * address it and speaks its own protocol; the router picks it and the gateway hands it the call.
 * Adding a service is adding a module to {@code ServiceModules}, nothing else at the edge.
 */
public interface ServiceModule {
  /** The SigV4 signing name of the service, e.g. {@code ecs}, {@code elasticloadbalancing}. */
  String signingName();

  /** awsJson {@code X-Amz-Target} prefixes (before the dot); empty for other protocols. */
  default Set<String> targetPrefixes() {
    return Set.of();
  }

  /** The awsQuery {@code Version} of the API (e.g. {@code 2015-12-01}); empty for awsJson. */
  default Optional<String> queryVersion() {
    return Optional.empty();
  }

  /** Operation names, for metrics labels and for routing awsQuery actions. */
  Set<String> operationNames();

  /** Serves one call routed here; client-visible failures come back as error answers. */
  ApiAnswer serve(ApiCall call);

  /** The error in this module's protocol, for failures found before {@link #serve}. */
  ApiAnswer error(AwsException error, String requestId);
}
