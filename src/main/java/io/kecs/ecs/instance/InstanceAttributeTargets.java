package io.kecs.ecs.instance;

import io.kecs.ecs.attribute.AttributeTargets;
import io.kecs.ecs.error.TargetNotFoundException;
import io.kecs.identity.Arn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/** Container instances as attribute targets: attributes live in the container instance record. */
final class InstanceAttributeTargets implements AttributeTargets {
  private final ContainerInstanceStore store;

  InstanceAttributeTargets(ContainerInstanceStore store) {
    this.store = store;
  }

  @Override
  public Optional<Arn> resolve(Cluster cluster, String targetId) {
    return store
        .find(ContainerInstanceStore.clusterArn(cluster), targetId)
        .filter(ContainerInstanceStore::isLive)
        .map(ContainerInstanceStore::arn);
  }

  @Override
  public NavigableMap<String, List<Attribute>> attributesIn(Cluster cluster) {
    TreeMap<String, List<Attribute>> result = new TreeMap<>();
    store
        .liveIn(ContainerInstanceStore.clusterArn(cluster))
        .forEach(ci -> result.put(ci.containerInstanceArn(), ci.attributes()));
    return result;
  }

  /** All edits or none: each is computed (and may throw) before any record is written. */
  @Override
  public void edit(Map<Arn, UnaryOperator<List<Attribute>>> edits) {
    synchronized (store) {
      List<ContainerInstanceStore.Change> changes = new ArrayList<>();
      edits.forEach(
          (arn, edit) -> {
            ContainerInstance current =
                store
                    .get(arn)
                    .filter(ContainerInstanceStore::isLive)
                    .orElseThrow(() -> new TargetNotFoundException("Could not find " + arn + "."));
            List<Attribute> attributes = edit.apply(current.attributes());
            if (!attributes.equals(current.attributes())) {
              changes.add(
                  new ContainerInstanceStore.Change(current, b -> b.attributes(attributes)));
            }
          });
      store.changeAll(changes);
    }
  }
}
