package io.kecs.ecs.instance.query;

import io.kecs.ecs.error.InvalidParameterException;

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

  /** Parses an expression; a malformed one is an InvalidParameterException, as on ECS. */
  public static ClusterQuery parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidParameterException("The query expression must not be empty.");
    }
    try {
      return new ClusterQuery(text, QueryParser.parse(text));
    } catch (QueryException e) {
      throw new InvalidParameterException(
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

  @Override
  public String toString() {
    return text;
  }
}
