package io.kecs.registry;

import io.kecs.identity.Scope;
import java.util.Map;
import java.util.Optional;

/**
 * Service registries as ECS sees them: what a registry ARN names (to validate a service's {@code
 * serviceRegistries} as ECS does: an SRV record needs a port), and registering and deregistering a
 * task as an instance with ECS's attributes ({@code AWS_INSTANCE_IPV4}, {@code AWS_INSTANCE_PORT},
 * {@code ECS_CLUSTER_NAME}, ...).
 */
public interface ServiceRegistries {
  /** The DNS record types of the registry an ARN names, empty when no such registry exists. */
  Optional<Registry> find(Scope scope, String registryArn);

  /** Registers (or updates) an instance; a registry gone by now is ignored. */
  void register(Scope scope, String registryArn, String instanceId, Map<String, String> attributes);

  /** Deregisters an instance; one already gone is ignored. */
  void deregister(Scope scope, String registryArn, String instanceId);

  /** A registry and the DNS records its instances get. */
  record Registry(String arn, boolean a, boolean aaaa, boolean srv) {}
}
