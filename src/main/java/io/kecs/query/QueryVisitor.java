package io.kecs.query;

import java.util.List;

/**
 * A walk over a parsed expression ({@link ClusterQuery#accept}), bottom up, for code that
 * translates the cluster query language into another (Kubernetes node affinity) instead of
 * evaluating it, without seeing the parser's own classes. Operands come already checked: each
 * operator is one its subject allows, and {@code values} has as many entries as the operator takes
 * (none for {@code exists}, one for {@code ==}, one or more for {@code in}).
 */
public interface QueryVisitor<R> {
  R and(R left, R right);

  R or(R left, R right);

  R not(R operand);

  /** {@code attribute:name operator values}. */
  R attribute(String name, Operator operator, List<String> values);

  /**
   * A comparison on another subject, by its spelling: {@code ec2InstanceId}, {@code task:group},
   * {@code agentConnected}, {@code agentVersion}, {@code registeredAt}, {@code runningTasksCount}.
   */
  R other(String subject, Operator operator, List<String> values);
}
