package io.kecs.servicediscovery.instance;

import io.kecs.store.RecordTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesRevisionResponse;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.Instance;
import software.amazon.awssdk.services.servicediscovery.model.Service;
import software.amazon.awssdk.services.servicediscovery.model.UpdateInstanceCustomHealthStatusRequest;

/**
 * The instances of every service, with their custom health status and each service's revision
 * (bumped on every change, as DiscoverInstancesRevision reports). Instances are keyed by service
 * ARN, '/', instance id, so one service's instances are one range.
 */
public final class InstanceRegistry {
  private final RecordTable<Instance> instances;
  private final RecordTable<UpdateInstanceCustomHealthStatusRequest> health;
  private final RecordTable<DiscoverInstancesRevisionResponse> revisions;

  public InstanceRegistry(
      RecordTable<Instance> instances,
      RecordTable<UpdateInstanceCustomHealthStatusRequest> health,
      RecordTable<DiscoverInstancesRevisionResponse> revisions) {
    this.instances = instances;
    this.health = health;
    this.revisions = revisions;
  }

  /** An instance and its health as DiscoverInstances reports it. */
  public record Registered(Instance instance, HealthStatus health) {}

  public Optional<Instance> get(String serviceArn, String instanceId) {
    return instances.get(key(serviceArn, instanceId));
  }

  public List<Instance> of(String serviceArn) {
    return new ArrayList<>(instances.range(serviceArn + "/").values());
  }

  /** Every instance of every service, keyed by service ARN, '/', instance id. */
  public java.util.Map<String, Instance> all() {
    return instances.range("");
  }

  public int count(String serviceArn) {
    return instances.range(serviceArn + "/").size();
  }

  /** Every instance of {@code service} with its health, in instance id order. */
  public List<Registered> withHealth(Service service) {
    List<Registered> out = new ArrayList<>();
    for (Instance i : instances.range(service.arn() + "/").values()) {
      out.add(new Registered(i, healthOf(service, i.id())));
    }
    return out;
  }

  /**
   * Custom health checks report what the client last set (HEALTHY at first); Route 53 health checks
   * are not run (KECS never probes addresses), so their instances count as HEALTHY; without a
   * health check the status is UNKNOWN, as on AWS.
   */
  public HealthStatus healthOf(Service service, String instanceId) {
    if (service.healthCheckCustomConfig() != null) {
      return health
          .get(key(service.arn(), instanceId))
          .map(h -> HealthStatus.fromValue(h.statusAsString()))
          .orElse(HealthStatus.HEALTHY);
    }
    return service.healthCheckConfig() != null ? HealthStatus.HEALTHY : HealthStatus.UNKNOWN;
  }

  public long revision(String serviceArn) {
    return revisions
        .get(serviceArn)
        .map(DiscoverInstancesRevisionResponse::instancesRevision)
        .orElse(0L);
  }

  synchronized void put(Service service, Instance instance, CustomHealthStatus initialHealth) {
    instances.put(key(service.arn(), instance.id()), instance);
    if (initialHealth != null) {
      setHealth(service, instance.id(), initialHealth);
    }
    bump(service.arn());
  }

  synchronized void remove(Service service, String instanceId) {
    instances.delete(key(service.arn(), instanceId));
    health.delete(key(service.arn(), instanceId));
    bump(service.arn());
  }

  synchronized boolean setHealth(Service service, String instanceId, CustomHealthStatus status) {
    String key = key(service.arn(), instanceId);
    Optional<UpdateInstanceCustomHealthStatusRequest> before = health.get(key);
    if (before.isPresent() && before.get().status() == status) {
      return false;
    }
    health.put(
        key,
        UpdateInstanceCustomHealthStatusRequest.builder()
            .serviceId(service.id())
            .instanceId(instanceId)
            .status(status)
            .build());
    bump(service.arn());
    return true;
  }

  /** Forgets what hangs off a deleted service (it has no instances left by then). */
  public synchronized void forget(Service service) {
    revisions.delete(service.arn());
  }

  private void bump(String serviceArn) {
    revisions.put(
        serviceArn,
        DiscoverInstancesRevisionResponse.builder()
            .instancesRevision(revision(serviceArn) + 1)
            .build());
  }

  private static String key(String serviceArn, String instanceId) {
    return serviceArn + "/" + instanceId;
  }
}
