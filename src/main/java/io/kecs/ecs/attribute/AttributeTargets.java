package io.kecs.ecs.attribute;

import io.kecs.identity.Arn;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * The resources attributes attach to (ECS target type {@code container-instance}); implemented by
 * the aggregate that stores them, so attributes live in one record with their resource.
 */
public interface AttributeTargets {
  /** The ARN of a live (not deregistered) target of the cluster, by id or ARN. */
  Optional<Arn> resolve(Cluster cluster, String targetId);

  /** The live targets of a cluster and their attributes (name and value only), in ARN order. */
  NavigableMap<String, List<Attribute>> attributesIn(Cluster cluster);

  /**
   * Rewrites the attributes of several targets at once: every edit runs under the owner's lock and
   * may throw (e.g. a limit), in which case none is stored.
   */
  void edit(Map<Arn, UnaryOperator<List<Attribute>>> edits);
}
