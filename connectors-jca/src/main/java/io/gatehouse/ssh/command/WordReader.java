package io.gatehouse.ssh.command;

import java.util.ArrayList;
import java.util.List;

/** Reads one word at the parser's position: quote removal, escapes, expansions as written. */
final class WordReader {

  private static final String WORD_END = " \t\n;&|<>()";

  private final ShellParser p;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder shape = new StringBuilder();
  private final List<Script> substitutions = new ArrayList<>();
  private boolean dynamic;

  WordReader(ShellParser parser) {
    this.p = parser;
  }

  /** An unquoted here-document body: expansions apply as inside double quotes. */
  static Word readText(ShellParser parent, String body) throws ShellSyntaxException {
    WordReader reader = new WordReader(parent.childFor(body));
    reader.doubleQuoted(false);
    return reader.word();
  }

  Word read() throws ShellSyntaxException {
    while (!p.atEnd() && WORD_END.indexOf(p.peek(0)) < 0) {
      char c = p.peek(0);
      switch (c) {
        case '\\' -> backslash();
        case '\'' -> singleQuoted();
        case '"' -> {
          p.advance(1);
          doubleQuoted(true);
        }
        case '$' -> dollar(false);
        case '`' -> backtick(false);
        default -> {
          p.advance(1);
          text.append(c);
          shape.append(c);
        }
      }
    }
    return word();
  }

  private Word word() {
    return Word.of(text.toString(), shape.toString(), dynamic, substitutions);
  }

  private void backslash() {
    p.advance(1);
    if (p.atEnd()) {
      quoted('\\');
      return;
    }
    char n = p.next();
    if (n != '\n') {
      quoted(n);
    }
  }

  private void singleQuoted() throws ShellSyntaxException {
    int start = p.position();
    p.advance(1);
    while (!p.atEnd() && p.peek(0) != '\'') {
      quoted(p.next());
    }
    if (p.atEnd()) {
      throw new ShellSyntaxException("unterminated single quote at offset " + start);
    }
    p.advance(1);
  }

  private void doubleQuoted(boolean closing) throws ShellSyntaxException {
    int start = p.position();
    while (!p.atEnd() && !(closing && p.peek(0) == '"')) {
      char c = p.peek(0);
      if (c == '\\' && "$`\"\\\n".indexOf(p.peek(1)) >= 0 && !p.atEnd()) {
        p.advance(1);
        char n = p.next();
        if (n != '\n') {
          quoted(n);
        }
      } else if (c == '$') {
        dollar(true);
      } else if (c == '`') {
        backtick(true);
      } else {
        quoted(p.next());
      }
    }
    if (closing) {
      if (p.atEnd()) {
        throw new ShellSyntaxException("unterminated double quote at offset " + (start - 1));
      }
      p.advance(1);
    }
  }

  private void dollar(boolean inDoubleQuotes) throws ShellSyntaxException {
    int start = p.position();
    p.advance(1);
    char c = p.peek(0);
    if (c == '(' && p.peek(1) == '(') {
      p.advance(2);
      p.skipArithmetic(1);
    } else if (c == '(') {
      p.advance(1);
      substitutions.add(p.parseNestedParen());
    } else if (c == '{') {
      p.advance(1);
      parameterExpansion();
    } else if (c == '\'' && !inDoubleQuotes) {
      ansiC();
      return;
    } else if (c == '"' && !inDoubleQuotes) {
      p.advance(1);
      doubleQuoted(true);
      return;
    } else if (Character.isLetter(c) || c == '_') {
      while (Character.isLetterOrDigit(p.peek(0)) || p.peek(0) == '_') {
        p.advance(1);
      }
    } else if (Character.isDigit(c) || "@*#?-$!".indexOf(c) >= 0 && c != '\0') {
      p.advance(1);
    } else {
      text.append('$');
      shape.append(inDoubleQuotes ? 'q' : '$');
      return;
    }
    expansion(p.source().substring(start, p.position()));
  }

  private void expansion(String raw) {
    dynamic = true;
    text.append(raw);
    shape.append("$".repeat(raw.length()));
  }

  /** {@code ${…}}: the operand words may hold substitutions ({@code ${x:-$(cmd)}}). */
  private void parameterExpansion() throws ShellSyntaxException {
    WordReader inner = new WordReader(p);
    int braces = 1;
    while (braces > 0) {
      if (p.atEnd()) {
        throw new ShellSyntaxException("unterminated ${ parameter expansion");
      }
      char c = p.peek(0);
      switch (c) {
        case '\\' -> inner.backslash();
        case '\'' -> inner.singleQuoted();
        case '"' -> {
          p.advance(1);
          inner.doubleQuoted(true);
        }
        case '$' -> inner.dollar(false);
        case '`' -> inner.backtick(false);
        default -> {
          p.advance(1);
          braces += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
      }
    }
    substitutions.addAll(inner.substitutions);
  }

  private void backtick(boolean inDoubleQuotes) throws ShellSyntaxException {
    int start = p.position();
    p.advance(1);
    StringBuilder body = new StringBuilder();
    while (true) {
      if (p.atEnd()) {
        throw new ShellSyntaxException("unterminated backquote at offset " + start);
      }
      char c = p.next();
      if (c == '`') {
        break;
      }
      char n = p.peek(0);
      if (c == '\\' && ("$`\\".indexOf(n) >= 0 || inDoubleQuotes && n == '"') && !p.atEnd()) {
        body.append(p.next());
      } else {
        body.append(c);
      }
    }
    substitutions.add(p.parseNestedText(body.toString()));
    expansion(p.source().substring(start, p.position()));
  }

  private void ansiC() throws ShellSyntaxException {
    int start = p.position();
    p.advance(1);
    while (!p.atEnd() && p.peek(0) != '\'') {
      char c = p.next();
      if (c == '\\' && !p.atEnd()) {
        AnsiCEscapes.decode(p, text);
        while (shape.length() < text.length()) {
          shape.append('q');
        }
      } else {
        quoted(c);
      }
    }
    if (p.atEnd()) {
      throw new ShellSyntaxException("unterminated $' quote at offset " + (start - 1));
    }
    p.advance(1);
  }

  private void quoted(char c) {
    text.append(c);
    shape.append('q');
  }
}
