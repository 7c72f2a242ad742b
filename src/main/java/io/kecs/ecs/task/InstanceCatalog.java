package io.kecs.ecs.task;

import io.kecs.identity.Arn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What task placement needs of the container instance aggregate. */
public interface InstanceCatalog {
  /** ACTIVE container instances of a cluster with what they have left. */
  List<Candidate> candidates(Arn cluster);

  /**
   * The ARNs of a cluster's DRAINING container instances: services replace their tasks on them
   * (UpdateContainerInstancesState).
   */
  default Set<String> draining(Arn cluster) {
    return Set.of();
  }

  /** Whether an instance satisfies a {@code memberOf} cluster query language expression. */
  boolean matches(Candidate candidate, String expression);

  /** An instance a task could be placed on. */
  record Candidate(
      String containerInstanceArn,
      String ec2InstanceId,
      String availabilityZone,
      int remainingCpu,
      int remainingMemory,
      Map<String, String> attributes,
      String capacityProviderName,
      Set<String> tcpPorts,
      Set<String> udpPorts) {}

  /** No instances: every EC2 placement fails as in a cluster without any. */
  InstanceCatalog NONE =
      new InstanceCatalog() {
        @Override
        public List<Candidate> candidates(Arn cluster) {
          return List.of();
        }

        @Override
        public boolean matches(Candidate candidate, String expression) {
          return false;
        }
      };
}
