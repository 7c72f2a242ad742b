package io.kecs.ecs.cluster;

import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * Told when a cluster comes into being or is deleted, after the change is stored, so what hangs off
 * clusters outside the store (a runtime's namespaces) follows. Listeners must return quickly and
 * never throw into the request: failures are theirs to report.
 */
public interface ClusterListener {
  void clusterCreated(Cluster cluster);

  void clusterDeleted(Cluster cluster);
}
