package io.kecs.ecs.instance;

import io.kecs.ecs.error.InvalidParameterException;
import io.kecs.query.ClusterQuery;
import io.kecs.query.InvalidQueryException;

/** Cluster query language expressions as ECS takes them: a malformed one is a client error. */
final class InstanceQueries {
  private InstanceQueries() {}

  static ClusterQuery parse(String expression) {
    try {
      return ClusterQuery.parse(expression);
    } catch (InvalidQueryException e) {
      throw new InvalidParameterException(e.getMessage());
    }
  }
}
