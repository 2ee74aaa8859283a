package io.gatehouse.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits lexed SQL into statements at semicolons, as psql and the server do: a semicolon inside
 * parentheses or inside the {@code BEGIN ATOMIC … END} body of a CREATE FUNCTION or PROCEDURE does
 * not end the statement. Semicolons in strings, comments and dollar quotes never reach here: they
 * are inside tokens. Empty statements are dropped.
 */
final class StatementSplitter {
  private StatementSplitter() {}

  static List<StatementSlice> split(LexedSql lexed) {
    List<StatementSlice> slices = new ArrayList<>();
    List<Token> tokens = lexed.tokens();
    int first = 0;
    int parenDepth = 0;
    int atomicDepth = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      if (token.isPunctuation('(')) {
        parenDepth++;
      } else if (token.isPunctuation(')')) {
        parenDepth = Math.max(0, parenDepth - 1);
      } else if (token.type() == TokenType.WORD) {
        atomicDepth = atomicDepth(tokens, first, i, atomicDepth);
      } else if (token.isPunctuation(';') && parenDepth == 0 && atomicDepth == 0) {
        addComplete(slices, tokens.subList(first, i));
        first = i + 1;
      }
    }
    List<Token> rest = tokens.subList(first, tokens.size());
    if (lexed.complete()) {
      addComplete(slices, rest);
    } else {
      int start = rest.isEmpty() ? lexed.unterminatedAt() : rest.get(0).start();
      slices.add(new StatementSlice(start, lexed.sql().length(), rest, false));
    }
    return slices;
  }

  private static void addComplete(List<StatementSlice> slices, List<Token> tokens) {
    if (!tokens.isEmpty()) {
      int start = tokens.get(0).start();
      int end = tokens.get(tokens.size() - 1).end();
      slices.add(new StatementSlice(start, end, tokens, true)); // views of an unmodifiable list
    }
  }

  /** BEGIN ATOMIC opens a body in a routine definition; inside it BEGIN and CASE nest with END. */
  private static int atomicDepth(List<Token> tokens, int first, int i, int depth) {
    Token token = tokens.get(i);
    if (depth > 0) {
      if (token.isWord("begin") || token.isWord("case")) {
        return depth + 1;
      }
      return token.isWord("end") ? depth - 1 : depth;
    }
    boolean opensBody =
        token.isWord("begin")
            && i + 1 < tokens.size()
            && tokens.get(i + 1).isWord("atomic")
            && definesRoutine(tokens, first);
    return opensBody ? 1 : 0;
  }

  private static boolean definesRoutine(List<Token> tokens, int first) {
    int i = first;
    if (i >= tokens.size() || !tokens.get(i).isWord("create")) {
      return false;
    }
    i++;
    if (i + 1 < tokens.size()
        && tokens.get(i).isWord("or")
        && tokens.get(i + 1).isWord("replace")) {
      i += 2;
    }
    return i < tokens.size()
        && (tokens.get(i).isWord("function") || tokens.get(i).isWord("procedure"));
  }
}
