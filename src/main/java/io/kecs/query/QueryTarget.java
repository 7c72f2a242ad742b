package io.kecs.query;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** What an expression can ask of a container instance (the subjects of the query language). */
public interface QueryTarget {
  String ec2InstanceId();

  boolean agentConnected();

  Optional<String> agentVersion();

  Instant registeredAt();

  int runningTasksCount();

  /** Whether the instance has the attribute, with or without a value. */
  boolean hasAttribute(String name);

  /** The attribute's value; empty when the attribute is absent or has no value. */
  Optional<String> attributeValue(String name);

  /**
   * The groups of the tasks placed on the instance ({@code service:web}, {@code family:x}, ...).
   */
  Set<String> taskGroups();
}
