package io.kecs.runtime.kubernetes;

import io.kecs.query.ClusterQuery;
import io.kecs.query.InvalidQueryException;
import io.kecs.query.Operator;
import io.kecs.query.QueryVisitor;
import java.util.List;

/**
 * A {@code memberOf} expression as the nodes Kubernetes may place a pod on, when node labels (and
 * the node's name) decide it exactly as ECS would decide it from the container instances' {@link
 * NodeMapper attributes}: comparisons of {@link AttributeLabels label attributes} with {@code ==},
 * {@code !=}, {@code in}, {@code not_in}, {@code exists} and {@code !exists}, and of {@code
 * ec2InstanceId} (the node's name) with {@code ==}, {@code !=}, {@code in} and {@code not_in},
 * combined with {@code and}, {@code or} and {@code not}. ECS's negations hold on instances without
 * the attribute, as {@code NotIn} and {@code DoesNotExist} do on nodes without the label, so every
 * negation is exact. Anything else (task groups, regular expressions, orderings, agent state,
 * registration time, attributes that are no label) is refused with the reason, and the expression
 * is translated whole or not at all.
 */
final class MemberOfTranslator implements QueryVisitor<MemberOfTranslator.Outcome> {
  /** A formula, or why there is none. */
  record Outcome(NodeFormula formula, String refusal) {
    static Outcome of(NodeFormula formula) {
      return new Outcome(formula, null);
    }

    static Outcome refused(String reason) {
      return new Outcome(null, reason);
    }
  }

  private MemberOfTranslator() {}

  static Outcome translate(String expression) {
    ClusterQuery query;
    try {
      query = ClusterQuery.parse(expression);
    } catch (InvalidQueryException e) {
      return Outcome.refused(e.getMessage());
    }
    return query.accept(new MemberOfTranslator());
  }

  @Override
  public Outcome and(Outcome left, Outcome right) {
    return combine(left, right, NodeFormula.and(orTrue(left), orTrue(right)));
  }

  @Override
  public Outcome or(Outcome left, Outcome right) {
    return combine(left, right, NodeFormula.or(orTrue(left), orTrue(right)));
  }

  @Override
  public Outcome not(Outcome operand) {
    return operand.refusal() != null ? operand : Outcome.of(NodeFormula.not(operand.formula()));
  }

  @Override
  public Outcome attribute(String name, Operator op, List<String> values) {
    if (!AttributeLabels.known(name)) {
      return Outcome.refused(
          "attribute:"
              + name
              + " does not come from a node label (only ecs.availability-zone,"
              + " ecs.instance-type, ecs.cpu-architecture, ecs.os-type and ecs.os-family do)");
    }
    return switch (op) {
      case EQUALS, IN -> Outcome.of(AttributeLabels.in(name, values));
      case NOT_EQUALS, NOT_IN -> Outcome.of(NodeFormula.not(AttributeLabels.in(name, values)));
      case EXISTS -> Outcome.of(AttributeLabels.exists(name));
      case NOT_EXISTS -> Outcome.of(NodeFormula.not(AttributeLabels.exists(name)));
      default -> Outcome.refused(unsupported(op));
    };
  }

  @Override
  public Outcome other(String subject, Operator op, List<String> values) {
    if (subject.equals("ec2InstanceId")) {
      // A node's container instance has the node's name as its EC2 instance id.
      return switch (op) {
        case EQUALS, IN -> Outcome.of(NodeFormula.nameIn(values));
        case NOT_EQUALS, NOT_IN -> Outcome.of(NodeFormula.not(NodeFormula.nameIn(values)));
        default -> Outcome.refused(unsupported(op));
      };
    }
    if (subject.equals("task:group")) {
      return Outcome.refused(
          "task:group depends on the tasks an instance runs, which no node label shows");
    }
    return Outcome.refused(subject + " is no node label or field");
  }

  private static String unsupported(Operator op) {
    return op.isOrdering()
        ? "an ordering (" + op.symbol() + ") has no node affinity form"
        : "a regular expression (" + op.symbol() + ") has no node affinity form";
  }

  private static Outcome combine(Outcome left, Outcome right, NodeFormula both) {
    if (left.refusal() != null) {
      return left;
    }
    return right.refusal() != null ? right : Outcome.of(both);
  }

  private static NodeFormula orTrue(Outcome o) {
    return o.formula() == null ? NodeFormula.TRUE : o.formula();
  }
}
