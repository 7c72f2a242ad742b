package io.kecs.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens. Bare words run up to white space, a bracket, a comma, a quote
 * or an operator character ({@code = ! < >}, {@code &&}, {@code ||}); anything else, such as a
 * regular expression with parentheses or a value with spaces, must be quoted ('...' or "...").
 */
final class QueryLexer {
  enum Kind {
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    SYMBOL,
    WORD,
    QUOTED,
    END
  }

  record Token(Kind kind, String text, int position) {
    boolean is(Kind k, String t) {
      return kind == k && text.equalsIgnoreCase(t);
    }
  }

  private final String input;
  private int pos;

  private QueryLexer(String input) {
    this.input = input;
  }

  static List<Token> tokens(String input) {
    return new QueryLexer(input).all();
  }

  private List<Token> all() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
        pos++;
      }
      if (pos >= input.length()) {
        tokens.add(new Token(Kind.END, "", pos));
        return tokens;
      }
      tokens.add(next());
    }
  }

  private Token next() {
    int start = pos;
    char c = input.charAt(pos);
    switch (c) {
      case '(' -> {
        pos++;
        return new Token(Kind.LPAREN, "(", start);
      }
      case ')' -> {
        pos++;
        return new Token(Kind.RPAREN, ")", start);
      }
      case '[' -> {
        pos++;
        return new Token(Kind.LBRACKET, "[", start);
      }
      case ']' -> {
        pos++;
        return new Token(Kind.RBRACKET, "]", start);
      }
      case ',' -> {
        pos++;
        return new Token(Kind.COMMA, ",", start);
      }
      case '\'', '"' -> {
        return quoted(c);
      }
      case '=' -> {
        if (peek(1) == '=' || peek(1) == '~') {
          return symbol(2);
        }
        throw QueryException.at(start, "'=' must be part of '==' or '=~'");
      }
      case '!' -> {
        return symbol(peek(1) == '=' || peek(1) == '~' ? 2 : 1);
      }
      case '<', '>' -> {
        return symbol(peek(1) == '=' ? 2 : 1);
      }
      case '&', '|' -> {
        if (peek(1) == c) {
          return symbol(2);
        }
        throw QueryException.at(start, "'" + c + "' must be doubled ('" + c + c + "')");
      }
      default -> {
        return word();
      }
    }
  }

  private char peek(int ahead) {
    int i = pos + ahead;
    return i < input.length() ? input.charAt(i) : '\0';
  }

  private Token symbol(int length) {
    int start = pos;
    pos += length;
    return new Token(Kind.SYMBOL, input.substring(start, pos), start);
  }

  private Token quoted(char quote) {
    int start = pos++;
    StringBuilder text = new StringBuilder();
    while (pos < input.length()) {
      char c = input.charAt(pos++);
      if (c == quote) {
        return new Token(Kind.QUOTED, text.toString(), start);
      }
      // Only an escaped quote is unescaped: backslashes in regular expressions stay as written.
      if (c == '\\' && pos < input.length() && input.charAt(pos) == quote) {
        c = input.charAt(pos++);
      }
      text.append(c);
    }
    throw QueryException.at(start, "unterminated quoted value");
  }

  private Token word() {
    int start = pos;
    while (pos < input.length() && !endsWord(input.charAt(pos))) {
      pos++;
    }
    return new Token(Kind.WORD, input.substring(start, pos), start);
  }

  private boolean endsWord(char c) {
    return Character.isWhitespace(c)
        || "()[],'\"=!<>".indexOf(c) >= 0
        || ((c == '&' || c == '|') && peek(1) == c);
  }
}
