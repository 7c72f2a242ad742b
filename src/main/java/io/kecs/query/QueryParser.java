package io.kecs.query;

import io.kecs.query.QueryLexer.Kind;
import io.kecs.query.QueryLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recursive descent over the grammar of the ECS cluster query language:
 *
 * <pre>
 * expression := and ( ("or" | "||") and )*
 * and        := unary ( ("and" | "&&") unary )*
 * unary      := ("not" | "!") unary | "(" expression ")" | comparison
 * comparison := subject operator [argument]
 * argument   := value | "[" value ("," value)* "]"
 * </pre>
 *
 * {@code not} binds tighter than {@code and}, which binds tighter than {@code or}. Keywords and
 * word operators are case-insensitive; subjects and values are not.
 */
final class QueryParser {
  /** Attribute names as PutAttributes accepts them. */
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-zA-Z0-9_./\\\\-]{1,128}");

  private final List<Token> tokens;
  private int index;

  private QueryParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Expression parse(String text) {
    QueryParser parser = new QueryParser(QueryLexer.tokens(text));
    Expression e = parser.or();
    Token rest = parser.peek();
    if (rest.kind() != Kind.END) {
      throw QueryException.at(rest.position(), "unexpected '" + rest.text() + "'");
    }
    return e;
  }

  private Expression or() {
    Expression left = and();
    while (peek().is(Kind.WORD, "or") || peek().is(Kind.SYMBOL, "||")) {
      index++;
      left = new Expression.Or(left, and());
    }
    return left;
  }

  private Expression and() {
    Expression left = unary();
    while (peek().is(Kind.WORD, "and") || peek().is(Kind.SYMBOL, "&&")) {
      index++;
      left = new Expression.And(left, unary());
    }
    return left;
  }

  private Expression unary() {
    Token t = peek();
    if (t.is(Kind.WORD, "not") || t.is(Kind.SYMBOL, "!")) {
      index++;
      return new Expression.Not(unary());
    }
    if (t.kind() == Kind.LPAREN) {
      index++;
      Expression inner = or();
      expect(Kind.RPAREN, "')'");
      return inner;
    }
    return comparison();
  }

  private Expression comparison() {
    Token subjectToken = next();
    if (subjectToken.kind() != Kind.WORD) {
      throw QueryException.at(
          subjectToken.position(),
          describe(subjectToken)
              + " where a subject"
              + " (attribute:name, ec2InstanceId, ...) was expected");
    }
    Subject subject = subject(subjectToken);
    String attribute =
        subject == Subject.ATTRIBUTE ? subjectToken.text().substring("attribute:".length()) : null;
    Token opToken = peek();
    Operator op = operator();
    if (!subject.operators.contains(op)) {
      throw QueryException.at(
          opToken.position(), "operator '" + op.word + "' cannot be used with " + subject.spelling);
    }
    int argumentPosition = peek().position();
    List<String> values =
        switch (op.arity) {
          case NONE -> List.of();
          case ONE -> List.of(value());
          case LIST -> list();
        };
    Argument argument =
        op.arity == Operator.Arity.NONE
            ? Argument.NONE
            : Argument.of(subject, op, values, argumentPosition);
    return new Expression.Comparison(subject, attribute, op, argument);
  }

  private static Subject subject(Token t) {
    String text = t.text();
    if (text.startsWith("attribute:")) {
      String name = text.substring("attribute:".length());
      if (!ATTRIBUTE_NAME.matcher(name).matches()) {
        throw QueryException.at(t.position(), "'" + name + "' is not a valid attribute name");
      }
      return Subject.ATTRIBUTE;
    }
    for (Subject s : Subject.values()) {
      if (s != Subject.ATTRIBUTE && s.spelling.equals(text)) {
        return s;
      }
    }
    throw QueryException.at(
        t.position(),
        "unknown subject '"
            + text
            + "'; use agentConnected, agentVersion, attribute:name, ec2InstanceId, registeredAt,"
            + " runningTasksCount or task:group");
  }

  private Operator operator() {
    Token t = next();
    String spelling = t.text();
    // "!exists" and "!in" arrive as the symbol '!' followed by a word.
    if (t.is(Kind.SYMBOL, "!") && peek().kind() == Kind.WORD) {
      spelling = "!" + next().text();
    }
    Optional<Operator> op =
        t.kind() == Kind.SYMBOL || t.kind() == Kind.WORD ? Operator.of(spelling) : Optional.empty();
    return op.orElseThrow(
        () -> QueryException.at(t.position(), describe(t) + " where an operator was expected"));
  }

  private List<String> list() {
    expect(Kind.LBRACKET, "'[' opening the argument list");
    List<String> values = new ArrayList<>();
    values.add(value());
    while (peek().kind() == Kind.COMMA) {
      index++;
      values.add(value());
    }
    expect(Kind.RBRACKET, "']' or ','");
    return List.copyOf(values);
  }

  private String value() {
    Token t = next();
    if (t.kind() != Kind.WORD && t.kind() != Kind.QUOTED) {
      throw QueryException.at(t.position(), describe(t) + " where a value was expected");
    }
    return t.text();
  }

  private void expect(Kind kind, String what) {
    Token t = next();
    if (t.kind() != kind) {
      throw QueryException.at(t.position(), describe(t) + " where " + what + " was expected");
    }
  }

  private Token peek() {
    return tokens.get(index);
  }

  private Token next() {
    Token t = tokens.get(index);
    if (t.kind() != Kind.END) {
      index++;
    }
    return t;
  }

  private static String describe(Token t) {
    return t.kind() == Kind.END ? "end of expression" : "'" + t.text() + "'";
  }
}
