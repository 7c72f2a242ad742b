package io.kecs.query;

import java.util.Locale;
import java.util.Optional;

/**
 * The comparison operators, each with its symbol and word spelling as ECS documents them. Public
 * for {@link QueryVisitor}s, which translate expressions elsewhere.
 */
public enum Operator {
  EQUALS("==", "equals", Arity.ONE),
  NOT_EQUALS("!=", "not_equals", Arity.ONE),
  GREATER_THAN(">", "greater_than", Arity.ONE),
  GREATER_THAN_EQUAL(">=", "greater_than_equal", Arity.ONE),
  LESS_THAN("<", "less_than", Arity.ONE),
  LESS_THAN_EQUAL("<=", "less_than_equal", Arity.ONE),
  EXISTS("exists", "exists", Arity.NONE),
  NOT_EXISTS("!exists", "not_exists", Arity.NONE),
  IN("in", "in", Arity.LIST),
  NOT_IN("!in", "not_in", Arity.LIST),
  MATCHES("=~", "matches", Arity.ONE),
  NOT_MATCHES("!~", "not_matches", Arity.ONE);

  /** What follows the operator: nothing, one value, or a bracketed list of values. */
  enum Arity {
    NONE,
    ONE,
    LIST
  }

  final String symbol;
  final String word;
  final Arity arity;

  Operator(String symbol, String word, Arity arity) {
    this.symbol = symbol;
    this.word = word;
    this.arity = arity;
  }

  /** The operator as ECS writes it: {@code ==}, {@code !exists}, {@code =~}. */
  public String symbol() {
    return symbol;
  }

  public boolean isOrdering() {
    return this == GREATER_THAN
        || this == GREATER_THAN_EQUAL
        || this == LESS_THAN
        || this == LESS_THAN_EQUAL;
  }

  /** The operator a symbol ({@code ==}, {@code !exists}) or word ({@code not_in}) spells. */
  static Optional<Operator> of(String spelling) {
    String lower = spelling.toLowerCase(Locale.ROOT);
    for (Operator op : values()) {
      if (op.symbol.equals(lower) || op.word.equals(lower)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** Whether an ordering result (compareTo) satisfies this ordering or equality operator. */
  boolean accepts(int comparison) {
    return switch (this) {
      case EQUALS -> comparison == 0;
      case NOT_EQUALS -> comparison != 0;
      case GREATER_THAN -> comparison > 0;
      case GREATER_THAN_EQUAL -> comparison >= 0;
      case LESS_THAN -> comparison < 0;
      case LESS_THAN_EQUAL -> comparison <= 0;
      default -> throw new IllegalStateException(this + " is not a comparison");
    };
  }
}
