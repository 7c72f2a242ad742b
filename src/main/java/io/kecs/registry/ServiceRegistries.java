package io.kecs.registry;

import io.kecs.identity.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Service registries as ECS sees them: what a registry ARN names (to validate a service's {@code
 * serviceRegistries} as ECS does: an SRV record needs a port), registering and deregistering a task
 * as an instance with ECS's attributes ({@code AWS_INSTANCE_IPV4}, {@code AWS_INSTANCE_PORT},
 * {@code ECS_CLUSTER_NAME}, ...), its custom health, and the namespaces and services Service
 * Connect creates on demand.
 */
public interface ServiceRegistries {
  /** The DNS record types of the registry an ARN names, empty when no such registry exists. */
  Optional<Registry> find(Scope scope, String registryArn);

  /** Registers (or updates) an instance; a registry gone by now is ignored. */
  void register(Scope scope, String registryArn, String instanceId, Map<String, String> attributes);

  /** Deregisters an instance; one already gone is ignored. */
  void deregister(Scope scope, String registryArn, String instanceId);

  /**
   * Sets an instance's custom health status, when its registry has a custom health check config
   * (otherwise nothing changes).
   */
  void health(Scope scope, String registryArn, String instanceId, boolean healthy);

  /**
   * Instances registered by ECS (those carrying {@code ECS_CLUSTER_NAME}), of every account and
   * region: what a restart reconciles against the tasks that still run.
   */
  List<Member> members();

  /** The ARN of the namespace a name or ARN names, empty when none exists. */
  Optional<String> namespace(Scope scope, String nameOrArn);

  /**
   * The ARN of the namespace a name or ARN names, creating an HTTP namespace of that name when none
   * exists (what ECS does for a cluster's Service Connect default namespace).
   */
  String namespaceOrCreate(Scope scope, String nameOrArn);

  /**
   * The ARN of the service {@code name} in a namespace, created (without DNS records, as Service
   * Connect's discovery names are) when it does not exist.
   */
  String serviceOrCreate(Scope scope, String namespaceArn, String name);

  /** The name of the namespace an ARN names, or null. */
  String namespaceName(Scope scope, String namespaceArn);

  /**
   * Makes {@code dnsName} (a Service Connect client alias) resolve on the DNS server to the healthy
   * instances of {@code registryArn}. Kept in memory (a reset forgets them): ECS gives them again
   * on every start.
   */
  void alias(String dnsName, String registryArn);

  /** A registry and the DNS records its instances get. */
  record Registry(String arn, boolean a, boolean aaaa, boolean srv, boolean customHealth) {}

  /** An instance ECS registered. */
  record Member(
      Scope scope, String registryArn, String instanceId, Map<String, String> attributes) {}
}
