package io.kecs.ecs.instance;

import io.kecs.ecs.common.Names;
import io.kecs.identity.Arn;
import io.kecs.store.RecordTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/**
 * Container instance records keyed by ARN ({@code container-instance/CLUSTER/ID}), so one cluster's
 * instances are one contiguous range. Every writer holds this store's monitor while it reads,
 * decides and writes; {@link #change} and {@link #changeAll} are the only places the version
 * counter moves.
 */
final class ContainerInstanceStore {
  static final String TYPE = "container-instance";
  static final String ACTIVE = "ACTIVE";
  static final String DRAINING = "DRAINING";
  static final String INACTIVE = "INACTIVE";

  /** Ids KECS issues are 32 hex digits; older ECS ids were UUIDs. Nothing else can match. */
  private static final Pattern ID = Pattern.compile("[a-zA-Z0-9-]{1,64}");

  private final RecordTable<ContainerInstance> table;

  ContainerInstanceStore(RecordTable<ContainerInstance> table) {
    this.table = table;
  }

  Optional<ContainerInstance> get(Arn arn) {
    return table.get(arn.toString());
  }

  /** A new container instance ARN in the cluster, with a fresh 32-hex-digit id. */
  static Arn newArn(Arn cluster) {
    String id = UUID.randomUUID().toString().replace("-", "");
    return Arn.ecs(cluster.scope(), TYPE, cluster.resourcePath() + "/" + id);
  }

  /**
   * The ARN an id or ARN names within a cluster; empty when it cannot name one of the cluster's
   * instances (another cluster, scope or resource type, or a malformed id). ARNs in the old format
   * without the cluster name ({@code container-instance/ID}) are read as that id.
   */
  static Optional<Arn> arnOf(Arn cluster, String reference) {
    if (reference == null || reference.isEmpty()) {
      return Optional.empty();
    }
    String id = reference;
    if (Arn.looksLikeArn(reference)) {
      Optional<Arn> arn =
          Arn.parse(reference)
              .filter(a -> a.service().equals("ecs") && a.resourceType().equals(TYPE))
              .filter(a -> a.scope().equals(cluster.scope()));
      if (arn.isEmpty()) {
        return Optional.empty();
      }
      String path = arn.get().resourcePath();
      int slash = path.indexOf('/');
      if (slash >= 0 && !path.substring(0, slash).equals(cluster.resourcePath())) {
        return Optional.empty();
      }
      id = path.substring(slash + 1);
    }
    return ID.matcher(id).matches()
        ? Optional.of(Arn.ecs(cluster.scope(), TYPE, cluster.resourcePath() + "/" + id))
        : Optional.empty();
  }

  /** The ARN to report for a reference that names nothing (DescribeContainerInstances failures). */
  static String failureArn(Arn cluster, String reference) {
    return Arn.looksLikeArn(reference)
        ? reference
        : Arn.ecs(cluster.scope(), TYPE, cluster.resourcePath() + "/" + reference).toString();
  }

  Optional<ContainerInstance> find(Arn cluster, String reference) {
    return arnOf(cluster, reference).flatMap(this::get);
  }

  /** Every instance of a cluster, deregistered ones included, in ARN order. */
  NavigableMap<String, ContainerInstance> inCluster(Arn cluster) {
    return table.range(Names.arnPrefix(cluster.scope(), TYPE) + cluster.resourcePath() + "/");
  }

  /** Instances of the cluster that are ACTIVE or DRAINING. */
  Stream<ContainerInstance> liveIn(Arn cluster) {
    return inCluster(cluster).values().stream().filter(ContainerInstanceStore::isLive);
  }

  static boolean isLive(ContainerInstance ci) {
    return !INACTIVE.equals(ci.status());
  }

  static Arn clusterArn(Cluster cluster) {
    return Arn.parse(cluster.clusterArn()).orElseThrow();
  }

  static Arn arn(ContainerInstance ci) {
    return Arn.parse(ci.containerInstanceArn()).orElseThrow();
  }

  synchronized ContainerInstance create(ContainerInstance record) {
    return table.put(record.containerInstanceArn(), record);
  }

  /** Applies a change and counts it: every change moves {@code version} up by one. */
  synchronized ContainerInstance change(
      ContainerInstance current, UnaryOperator<ContainerInstance.Builder> edit) {
    ContainerInstance changed =
        edit.apply(current.toBuilder()).version(current.version() + 1).build();
    return table.put(changed.containerInstanceArn(), changed);
  }

  /** One pending change of {@link #changeAll}. */
  record Change(ContainerInstance current, UnaryOperator<ContainerInstance.Builder> edit) {}

  /** Applies several changes in one transaction, each counted as a new version. */
  synchronized void changeAll(List<Change> changes) {
    Map<String, ContainerInstance> changed = new LinkedHashMap<>();
    for (Change c : changes) {
      changed.put(
          c.current().containerInstanceArn(),
          c.edit().apply(c.current().toBuilder()).version(c.current().version() + 1).build());
    }
    table.putAll(changed);
  }
}
