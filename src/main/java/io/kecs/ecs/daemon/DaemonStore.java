package io.kecs.ecs.daemon;

import io.kecs.ecs.common.Names;
import io.kecs.identity.Arn;
import io.kecs.identity.Scope;
import io.kecs.store.RecordTable;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.CreateDaemonRequest;
import software.amazon.awssdk.services.ecs.model.DaemonDeployment;
import software.amazon.awssdk.services.ecs.model.DaemonDetail;
import software.amazon.awssdk.services.ecs.model.DaemonRevision;

/**
 * The daemon records, all keyed by ARN so one daemon's deployments and revisions are contiguous:
 *
 * <ul>
 *   <li>{@link DaemonDetail}: status, timestamps and the latest deployment (what DescribeDaemon
 *       shows, less the live revision counts);
 *   <li>the daemon's desired configuration, kept as the {@link CreateDaemonRequest} shape because
 *       no ECS shape holds it all (capacity providers, deployment configuration, tag settings, the
 *       client token it was created with); UpdateDaemon rewrites it, tags live in the tag service;
 *   <li>{@link DaemonDeployment} and {@link DaemonRevision} records, as their APIs show them.
 * </ul>
 *
 * Read-modify-write goes through the {@code update} methods, serialised on this store.
 */
final class DaemonStore {
  private final RecordTable<DaemonDetail> details;
  private final RecordTable<CreateDaemonRequest> specs;
  private final RecordTable<DaemonDeployment> deployments;
  private final RecordTable<DaemonRevision> revisions;

  DaemonStore(
      RecordTable<DaemonDetail> details,
      RecordTable<CreateDaemonRequest> specs,
      RecordTable<DaemonDeployment> deployments,
      RecordTable<DaemonRevision> revisions) {
    this.details = details;
    this.specs = specs;
    this.deployments = deployments;
    this.revisions = revisions;
  }

  Optional<DaemonDetail> detail(String daemonArn) {
    return details.get(daemonArn);
  }

  Optional<CreateDaemonRequest> spec(String daemonArn) {
    return specs.get(daemonArn);
  }

  Optional<DaemonDeployment> deployment(String deploymentArn) {
    return deployments.get(deploymentArn);
  }

  Optional<DaemonRevision> revision(String revisionArn) {
    return revisions.get(revisionArn);
  }

  /** Every daemon of a scope, in ARN order (cluster, then name). */
  NavigableMap<String, DaemonDetail> all(Scope scope) {
    return details.range(Names.arnPrefix(scope, DaemonArns.DAEMON));
  }

  /** Every daemon of a cluster. */
  NavigableMap<String, DaemonDetail> inCluster(Arn cluster) {
    return details.range(
        Names.arnPrefix(cluster.scope(), DaemonArns.DAEMON) + cluster.lastSegment() + "/");
  }

  Collection<DaemonDetail> everyDaemon() {
    return details.all();
  }

  /** A daemon's deployments, in ARN order. */
  NavigableMap<String, DaemonDeployment> deploymentsOf(Arn daemon) {
    return deployments.range(DaemonArns.deploymentPrefix(daemon));
  }

  synchronized void create(
      DaemonDetail detail, CreateDaemonRequest spec, DaemonRevision revision, DaemonDeployment d) {
    revisions.put(revision.daemonRevisionArn(), revision);
    deployments.put(d.daemonDeploymentArn(), d);
    specs.put(detail.daemonArn(), spec);
    details.put(detail.daemonArn(), detail);
  }

  synchronized void putSpec(String daemonArn, CreateDaemonRequest spec) {
    specs.put(daemonArn, spec);
  }

  synchronized void putRevision(DaemonRevision revision) {
    revisions.put(revision.daemonRevisionArn(), revision);
  }

  synchronized void putDeployment(DaemonDeployment d) {
    deployments.put(d.daemonDeploymentArn(), d);
  }

  /** Applies a change to a daemon's detail; empty when the daemon is gone. */
  synchronized Optional<DaemonDetail> updateDetail(
      String daemonArn, UnaryOperator<DaemonDetail> change) {
    Optional<DaemonDetail> current = details.get(daemonArn);
    if (current.isEmpty()) {
      return current;
    }
    DaemonDetail next = change.apply(current.get());
    if (!next.equals(current.get())) {
      details.put(daemonArn, next);
    }
    return Optional.of(next);
  }

  /** Applies a change to a deployment; empty when there is none. */
  synchronized Optional<DaemonDeployment> updateDeployment(
      String deploymentArn, UnaryOperator<DaemonDeployment> change) {
    Optional<DaemonDeployment> current = deployments.get(deploymentArn);
    if (current.isEmpty()) {
      return current;
    }
    DaemonDeployment next = change.apply(current.get());
    if (!next.equals(current.get())) {
      deployments.put(deploymentArn, next);
    }
    return Optional.of(next);
  }

  /** A deleted daemon leaves: its record and configuration go, its history stays describable. */
  synchronized void remove(String daemonArn) {
    details.delete(daemonArn);
    specs.delete(daemonArn);
  }

  /** Drops the history of an earlier daemon of the same name before a new one is created. */
  synchronized void forgetHistory(Arn daemon) {
    deployments.deleteAll(
        List.copyOf(deployments.range(DaemonArns.deploymentPrefix(daemon)).keySet()));
    revisions.deleteAll(List.copyOf(revisions.range(DaemonArns.revisionPrefix(daemon)).keySet()));
  }
}
