package io.kecs.query;

/** A syntax or type error in an expression, at a character position; ClusterQuery reports it. */
final class QueryException extends RuntimeException {
  private final int position;

  private QueryException(int position, String message) {
    super(message, null, false, false);
    this.position = position;
  }

  static QueryException at(int position, String message) {
    return new QueryException(position, message);
  }

  int position() {
    return position;
  }
}
