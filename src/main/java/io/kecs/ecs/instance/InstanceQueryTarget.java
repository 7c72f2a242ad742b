package io.kecs.ecs.instance;

import io.kecs.query.QueryTarget;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/** A container instance, with what its tasks use, as the cluster query language sees it. */
record InstanceQueryTarget(ContainerInstance instance, InstanceUsage.Usage usage)
    implements QueryTarget {
  @Override
  public String ec2InstanceId() {
    return instance.ec2InstanceId();
  }

  @Override
  public boolean agentConnected() {
    return Boolean.TRUE.equals(instance.agentConnected());
  }

  @Override
  public Optional<String> agentVersion() {
    return Optional.ofNullable(instance.versionInfo()).map(v -> v.agentVersion());
  }

  @Override
  public Instant registeredAt() {
    return instance.registeredAt();
  }

  @Override
  public int runningTasksCount() {
    return usage.runningTasks();
  }

  @Override
  public boolean hasAttribute(String name) {
    return instance.attributes().stream().anyMatch(a -> a.name().equals(name));
  }

  @Override
  public Optional<String> attributeValue(String name) {
    return instance.attributes().stream()
        .filter(a -> a.name().equals(name))
        .map(Attribute::value)
        .filter(v -> v != null)
        .findFirst();
  }

  @Override
  public Set<String> taskGroups() {
    return usage.taskGroups();
  }
}
