package io.kecs.ecs.service;

import io.kecs.identity.Arn;
import io.kecs.store.RecordTable;
import java.util.Collection;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Services by ARN ({@code ...:service/CLUSTER/NAME}). The API writes what the user asked for, the
 * scheduler writes what happened (deployments, events); both change a record only through {@link
 * #update}, which serialises read-modify-write per service.
 */
public final class ServiceStore {
  private final RecordTable<Service> table;
  private final Object[] stripes = new Object[64];

  public ServiceStore(RecordTable<Service> table) {
    this.table = table;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new Object();
    }
  }

  public Optional<Service> get(String serviceArn) {
    return table.get(serviceArn);
  }

  public NavigableMap<String, Service> inCluster(Arn cluster) {
    return table.range(servicePrefix(cluster));
  }

  public Collection<Service> all() {
    return table.all();
  }

  static String servicePrefix(Arn cluster) {
    return new Arn(
            cluster.partition(),
            "ecs",
            cluster.region(),
            cluster.account(),
            "service/" + cluster.lastSegment() + "/")
        .toString();
  }

  static Arn serviceArn(Arn cluster, String name) {
    return new Arn(
        cluster.partition(),
        "ecs",
        cluster.region(),
        cluster.account(),
        "service/" + cluster.lastSegment() + "/" + name);
  }

  void put(Service service) {
    synchronized (stripe(service.serviceArn())) {
      table.put(service.serviceArn(), service);
    }
  }

  /** Applies a change to the current record atomically; returns the saved record (or empty). */
  Optional<Service> update(String serviceArn, UnaryOperator<Service> change) {
    synchronized (stripe(serviceArn)) {
      Optional<Service> current = table.get(serviceArn);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      Service next = change.apply(current.get());
      if (next != current.get()) {
        table.put(serviceArn, next);
      }
      return Optional.of(next);
    }
  }

  void delete(String serviceArn) {
    table.delete(serviceArn);
  }

  private Object stripe(String arn) {
    return stripes[Math.floorMod(arn.hashCode(), stripes.length)];
  }
}
