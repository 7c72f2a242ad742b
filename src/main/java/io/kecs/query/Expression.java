package io.kecs.query;

/** A parsed expression: a comparison, or a Boolean combination of expressions. */
sealed interface Expression {
  boolean test(QueryTarget target);

  record And(Expression left, Expression right) implements Expression {
    @Override
    public boolean test(QueryTarget target) {
      return left.test(target) && right.test(target);
    }
  }

  record Or(Expression left, Expression right) implements Expression {
    @Override
    public boolean test(QueryTarget target) {
      return left.test(target) || right.test(target);
    }
  }

  record Not(Expression operand) implements Expression {
    @Override
    public boolean test(QueryTarget target) {
      return !operand.test(target);
    }
  }

  /** {@code subject operator [argument]}, already checked and with its argument converted. */
  record Comparison(Subject subject, String attribute, Operator operator, Argument argument)
      implements Expression {
    @Override
    public boolean test(QueryTarget target) {
      return Evaluator.test(this, target);
    }
  }
}
