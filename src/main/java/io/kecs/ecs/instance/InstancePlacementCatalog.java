package io.kecs.ecs.instance;

import io.kecs.ecs.task.InstanceCatalog;
import io.kecs.identity.Arn;
import io.kecs.query.ClusterQuery;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.Resource;

/**
 * The ACTIVE container instances of a cluster as task placement sees them: what they have left
 * after their tasks, their attributes, and whether they satisfy a memberOf expression.
 */
final class InstancePlacementCatalog implements InstanceCatalog {
  private final ContainerInstanceService instances;

  InstancePlacementCatalog(ContainerInstanceService instances) {
    this.instances = instances;
  }

  @Override
  public List<Candidate> candidates(Arn cluster) {
    return instances
        .store()
        .liveIn(cluster)
        .filter(ci -> ContainerInstanceStore.ACTIVE.equals(ci.status()))
        // ECS places nothing on an instance whose agent is disconnected (a NotReady node).
        .filter(ci -> !Boolean.FALSE.equals(ci.agentConnected()))
        .map(this::candidate)
        .toList();
  }

  @Override
  public Set<String> draining(Arn cluster) {
    return instances
        .store()
        .liveIn(cluster)
        .filter(ci -> ContainerInstanceStore.DRAINING.equals(ci.status()))
        .map(ContainerInstance::containerInstanceArn)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public boolean matches(Candidate candidate, String expression) {
    ClusterQuery query = InstanceQueries.parse(expression);
    return Arn.parse(candidate.containerInstanceArn())
        .flatMap(instances.store()::get)
        .map(
            ci ->
                query.matches(
                    new InstanceQueryTarget(
                        ci, instances.usage().of(ContainerInstanceStore.arn(ci)))))
        .orElse(false);
  }

  private Candidate candidate(ContainerInstance ci) {
    List<Resource> remaining =
        InstanceResources.remaining(
            ci.registeredResources(), instances.usage().of(ContainerInstanceStore.arn(ci)));
    Map<String, String> attributes = new LinkedHashMap<>();
    for (Attribute a : ci.attributes()) {
      attributes.put(a.name(), a.value() == null ? "" : a.value());
    }
    return new Candidate(
        ci.containerInstanceArn(),
        ci.ec2InstanceId(),
        attributes.get("ecs.availability-zone"),
        integer(remaining, "CPU"),
        integer(remaining, "MEMORY"),
        attributes,
        ci.capacityProviderName(),
        stringSet(remaining, "PORTS"),
        stringSet(remaining, "PORTS_UDP"));
  }

  private static Set<String> stringSet(List<Resource> resources, String name) {
    return resources.stream()
        .filter(r -> name.equals(r.name()))
        .findFirst()
        .map(r -> (Set<String>) new HashSet<>(r.stringSetValue()))
        .orElse(Set.of());
  }

  private static int integer(List<Resource> resources, String name) {
    return resources.stream()
        .filter(r -> name.equals(r.name()) && r.integerValue() != null)
        .mapToInt(Resource::integerValue)
        .findFirst()
        .orElse(0);
  }
}
