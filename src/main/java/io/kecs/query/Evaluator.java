package io.kecs.query;

import io.kecs.query.Expression.Comparison;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates one comparison. A subject without a value (an absent attribute, an agent that reported
 * no version) satisfies no positive test, so {@code ==}, {@code in}, {@code =~} and the orderings
 * are false and their negations ({@code !=}, {@code not_in}, {@code !~}) are true.
 */
final class Evaluator {
  private Evaluator() {}

  static boolean test(Comparison c, QueryTarget t) {
    return switch (c.subject()) {
      case AGENT_CONNECTED -> text(c, Optional.of(Boolean.toString(t.agentConnected())));
      case EC2_INSTANCE_ID -> text(c, Optional.ofNullable(t.ec2InstanceId()));
      case ATTRIBUTE ->
          switch (c.operator()) {
            case EXISTS -> t.hasAttribute(c.attribute());
            case NOT_EXISTS -> !t.hasAttribute(c.attribute());
            default -> text(c, t.attributeValue(c.attribute()));
          };
      case AGENT_VERSION ->
          t.agentVersion()
              .flatMap(AgentVersion::parse)
              .map(v -> c.operator().accepts(v.compareTo(c.argument().version())))
              .orElse(c.operator() == Operator.NOT_EQUALS);
      case REGISTERED_AT ->
          t.registeredAt() != null
              && c.operator().accepts(c.argument().date().compareTo(t.registeredAt()));
      case RUNNING_TASKS_COUNT ->
          c.operator().accepts(Long.compare(t.runningTasksCount(), c.argument().number()));
      case TASK_GROUP -> group(c, t.taskGroups());
    };
  }

  private static boolean text(Comparison c, Optional<String> value) {
    Operator op = c.operator();
    return switch (op) {
      case NOT_EQUALS, NOT_IN, NOT_MATCHES -> !positive(c, value);
      case EQUALS, IN, MATCHES -> positive(c, value);
      default -> value.map(v -> op.accepts(order(v, c.argument().first()))).orElse(false);
    };
  }

  /** The positive form of {@code ==}, {@code in} and {@code =~} (and their negations). */
  private static boolean positive(Comparison c, Optional<String> value) {
    if (value.isEmpty()) {
      return false;
    }
    String v = value.get();
    return switch (c.operator()) {
      case EQUALS, NOT_EQUALS -> v.equals(c.argument().first());
      case IN, NOT_IN -> c.argument().values().contains(v);
      case MATCHES, NOT_MATCHES -> c.argument().pattern().matcher(v).matches();
      default -> throw new IllegalStateException(c.operator() + " has no positive form");
    };
  }

  /** A task group test holds when any task's group passes; negations hold when none does. */
  private static boolean group(Comparison c, Set<String> groups) {
    return switch (c.operator()) {
      case EXISTS -> !groups.isEmpty();
      case NOT_EXISTS -> groups.isEmpty();
      case EQUALS, IN, MATCHES -> groups.stream().anyMatch(g -> positive(c, Optional.of(g)));
      default -> groups.stream().noneMatch(g -> positive(c, Optional.of(g)));
    };
  }

  /** Numbers compare as numbers, anything else as text. */
  private static int order(String value, String argument) {
    try {
      return new BigDecimal(value).compareTo(new BigDecimal(argument));
    } catch (NumberFormatException e) {
      return value.compareTo(argument);
    }
  }
}
