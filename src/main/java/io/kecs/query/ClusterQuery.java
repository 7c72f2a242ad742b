package io.kecs.query;

/**
 * A parsed cluster query language expression. Parsing checks everything that can be checked without
 * an instance (subjects, operators valid for the subject, regular expressions, numbers, dates,
 * versions), so evaluation cannot fail.
 */
public final class ClusterQuery {
  private final String text;
  private final Expression expression;

  private ClusterQuery(String text, Expression expression) {
    this.text = text;
    this.expression = expression;
  }

  /** Parses an expression; a malformed one is an {@link InvalidQueryException}. */
  public static ClusterQuery parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidQueryException("The query expression must not be empty.");
    }
    try {
      return new ClusterQuery(text, QueryParser.parse(text));
    } catch (QueryException e) {
      throw new InvalidQueryException(
          "Invalid query expression '"
              + text
              + "': "
              + e.getMessage()
              + " (at position "
              + (e.position() + 1)
              + ").");
    }
  }

  public boolean matches(QueryTarget target) {
    return expression.test(target);
  }

  /** Walks the parsed expression, for those that translate it rather than evaluate it. */
  public <R> R accept(QueryVisitor<R> visitor) {
    return walk(expression, visitor);
  }

  private static <R> R walk(Expression e, QueryVisitor<R> v) {
    return switch (e) {
      case Expression.And and -> v.and(walk(and.left(), v), walk(and.right(), v));
      case Expression.Or or -> v.or(walk(or.left(), v), walk(or.right(), v));
      case Expression.Not not -> v.not(walk(not.operand(), v));
      case Expression.Comparison c when c.subject() == Subject.ATTRIBUTE ->
          v.attribute(c.attribute(), c.operator(), c.argument().values());
      case Expression.Comparison c ->
          v.other(c.subject().spelling, c.operator(), c.argument().values());
    };
  }

  @Override
  public String toString() {
    return text;
  }
}
