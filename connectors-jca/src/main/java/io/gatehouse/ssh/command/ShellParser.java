package io.gatehouse.ssh.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A POSIX sh parser for policy purposes: builds {@link Script} trees, never expands anything. It
 * accepts the grammar interactive users type (lists, pipelines, subshells, groups, redirections,
 * here-documents, every quoting form, {@code $( )}, backticks, process substitution) and rejects
 * what it cannot represent faithfully, so callers fail closed.
 */
final class ShellParser {

  private static final String WORD_END = " \t\n;&|<>()";

  private final String src;
  private final int maxDepth;
  private int pos;
  private int depth;

  /** Where parsing resumes after the newline that ends a line with here-documents, or -1. */
  private int hereDocResume = -1;

  private ShellParser(String src, int depth, int maxDepth) {
    this.src = src;
    this.depth = depth;
    this.maxDepth = maxDepth;
  }

  static Script parse(String src, int depth, int maxDepth) throws ShellSyntaxException {
    if (depth > maxDepth) {
      throw new ShellSyntaxException("nesting deeper than " + maxDepth + " levels");
    }
    ShellParser parser = new ShellParser(src, depth, maxDepth);
    return parser.parseScript(false);
  }

  private Script parseScript(boolean untilParen) throws ShellSyntaxException {
    List<Script.Pipeline> pipelines = new ArrayList<>();
    List<Script.Node> elements = new ArrayList<>();
    boolean expectingCommand = true;
    boolean afterPipe = false;
    while (true) {
      skipBlanks();
      if (afterPipe && (atEnd() || peek(0) == ')' || peek(0) == ';' || peek(0) == '&')) {
        throw new ShellSyntaxException("pipe without a command after it at offset " + pos);
      }
      if (afterPipe && peek(0) == '\n') {
        pos++; // a pipeline may continue on the next line
        continue;
      }
      if (atEnd()) {
        if (untilParen) {
          throw new ShellSyntaxException("unbalanced parenthesis: missing ')'");
        }
        break;
      }
      char c = src.charAt(pos);
      if (c == ')') {
        if (!untilParen) {
          throw new ShellSyntaxException("unexpected ')' at offset " + pos);
        }
        pos++;
        break;
      }
      if (c == '#') {
        skipComment();
      } else if (c == '\n' || c == ';') {
        if (c == ';' && peek(1) == ';') {
          throw new ShellSyntaxException("unsupported syntax ';;' (case clauses)");
        }
        pos++;
        if (c == '\n' && hereDocResume >= 0) {
          pos = Math.max(pos, hereDocResume);
          hereDocResume = -1;
        }
        flush(pipelines, elements, false);
        expectingCommand = true;
      } else if (c == '&' && peek(1) != '>') {
        boolean and = peek(1) == '&';
        pos += and ? 2 : 1;
        flush(pipelines, elements, !and);
        expectingCommand = true;
      } else if (c == '|') {
        boolean or = peek(1) == '|';
        pos += (or || peek(1) == '&') ? 2 : 1;
        if (or) {
          flush(pipelines, elements, false);
        } else if (elements.isEmpty()) {
          throw new ShellSyntaxException("pipe without a command at offset " + pos);
        }
        afterPipe = !or;
        expectingCommand = true;
      } else {
        if (!expectingCommand) {
          flush(pipelines, elements, false);
        }
        elements.add(c == '(' ? parseSubshell() : parseSimple());
        expectingCommand = false;
        afterPipe = false;
      }
    }
    flush(pipelines, elements, false);
    return new Script(pipelines);
  }

  private static void flush(
      List<Script.Pipeline> pipelines, List<Script.Node> elements, boolean background) {
    if (!elements.isEmpty()) {
      pipelines.add(new Script.Pipeline(elements, background));
      elements.clear();
    }
  }

  private Script.Node parseSubshell() throws ShellSyntaxException {
    pos++;
    if (peek(0) == '(') {
      pos++;
      skipArithmetic(1);
      return new Script.Simple(List.of(Word.literal(":")), List.of(), null);
    }
    return new Script.Group(nested(true));
  }

  private Script nested(boolean untilParen) throws ShellSyntaxException {
    if (++depth > maxDepth) {
      throw new ShellSyntaxException("nesting deeper than " + maxDepth + " levels");
    }
    try {
      return parseScript(untilParen);
    } finally {
      depth--;
    }
  }

  private Script.Node parseSimple() throws ShellSyntaxException {
    List<Word> words = new ArrayList<>();
    List<Word> targets = new ArrayList<>();
    Word[] stdin = new Word[1];
    while (true) {
      skipBlanks();
      if (atEnd()) {
        break;
      }
      char c = src.charAt(pos);
      if (c == '#') {
        skipComment();
        break;
      }
      if (isRedirectStart()) {
        parseRedirect(targets, stdin);
        continue;
      }
      if ((c == '<' || c == '>') && peek(1) == '(') {
        pos += 2;
        words.add(new Word(src.charAt(pos - 2) + "(…)", true, false, false, List.of(nested(true))));
        continue;
      }
      if (c == '(' && !words.isEmpty()) {
        pos++;
        skipBlanks();
        if (peek(0) != ')') {
          throw new ShellSyntaxException("unexpected '(' at offset " + (pos - 1));
        }
        pos++; // "name ()": a function definition; its body follows as the next command
        return new Script.Simple(List.of(), List.of(), null);
      }
      if (WORD_END.indexOf(c) >= 0) {
        break;
      }
      words.add(parseWord());
    }
    if (words.isEmpty() && targets.isEmpty() && stdin[0] == null) {
      throw new ShellSyntaxException("missing command at offset " + pos);
    }
    return new Script.Simple(words, targets, stdin[0]);
  }

  private boolean isRedirectStart() {
    int i = pos;
    while (i < src.length() && Character.isDigit(src.charAt(i))) {
      i++;
    }
    if (i >= src.length()) {
      return false;
    }
    char c = src.charAt(i);
    if (c == '&' && i == pos && i + 1 < src.length() && src.charAt(i + 1) == '>') {
      return true;
    }
    boolean processSubstitution = i + 1 < src.length() && src.charAt(i + 1) == '(';
    return (c == '<' || c == '>') && !(i == pos && processSubstitution);
  }

  private void parseRedirect(List<Word> targets, Word[] stdin) throws ShellSyntaxException {
    while (Character.isDigit(src.charAt(pos))) {
      pos++;
    }
    if (src.startsWith("<<<", pos)) {
      pos += 3;
      skipBlanks();
      stdin[0] = parseWord();
      targets.add(stdin[0]);
      return;
    }
    if (src.startsWith("<<", pos)) {
      pos += src.startsWith("<<-", pos) ? 3 : 2;
      skipBlanks();
      int start = pos;
      Word delimiter = parseWord();
      boolean quoted = src.substring(start, pos).matches(".*['\"\\\\].*");
      stdin[0] = readHereDocBody(delimiter.text(), quoted);
      return;
    }
    pos++;
    if (pos < src.length() && "<>&|".indexOf(src.charAt(pos)) >= 0) {
      pos++;
    }
    if (peek(0) == '>') {
      pos++; // &>>
    }
    skipBlanks();
    if (atEnd() || WORD_END.indexOf(src.charAt(pos)) >= 0 && !isProcessSubstitution()) {
      throw new ShellSyntaxException("redirection without a target at offset " + pos);
    }
    if (isProcessSubstitution()) {
      pos += 2;
      targets.add(new Word("<(…)", true, false, false, List.of(nested(true))));
    } else {
      targets.add(parseWord());
    }
  }

  private boolean isProcessSubstitution() {
    return (peek(0) == '<' || peek(0) == '>') && peek(1) == '(';
  }

  /** Reads a here-document body from the line after the current one, to be skipped later. */
  private Word readHereDocBody(String delimiter, boolean quoted) throws ShellSyntaxException {
    int eol = src.indexOf('\n', pos);
    int cursor = hereDocResume >= 0 ? hereDocResume : eol < 0 ? src.length() : eol + 1;
    StringBuilder body = new StringBuilder();
    while (cursor < src.length()) {
      int end = src.indexOf('\n', cursor);
      String line = src.substring(cursor, end < 0 ? src.length() : end);
      cursor = end < 0 ? src.length() : end + 1;
      if (line.strip().equals(delimiter)) {
        break;
      }
      body.append(line).append('\n');
    }
    hereDocResume = cursor;
    return quoted ? Word.literal(body.toString()) : WordReader.readText(this, body.toString());
  }

  Word parseWord() throws ShellSyntaxException {
    return new WordReader(this).read();
  }

  /** Parses {@code text} as a nested script one level deeper (backticks, here-documents). */
  Script parseNestedText(String text) throws ShellSyntaxException {
    return parse(text, depth + 1, maxDepth);
  }

  /** Parses a {@code $( … )} body starting at the current position. */
  Script parseNestedParen() throws ShellSyntaxException {
    return nested(true);
  }

  void skipArithmetic(int open) throws ShellSyntaxException {
    int start = pos;
    int parens = open;
    while (parens > 0) {
      if (atEnd()) {
        throw new ShellSyntaxException("unterminated arithmetic expression");
      }
      char c = src.charAt(pos++);
      parens += c == '(' ? 1 : c == ')' ? -1 : 0;
    }
    if (peek(0) != ')') {
      throw new ShellSyntaxException("unterminated arithmetic expression");
    }
    pos++;
    String body = src.substring(start, pos);
    if (body.contains("$(") || body.contains("`")) {
      // Substitutions inside arithmetic run commands; not represented, so refuse the line.
      throw new ShellSyntaxException("command substitution inside arithmetic expansion");
    }
  }

  /** A parser over {@code text} one nesting level deeper, for here-document bodies. */
  ShellParser childFor(String text) throws ShellSyntaxException {
    if (depth + 1 > maxDepth) {
      throw new ShellSyntaxException("nesting deeper than " + maxDepth + " levels");
    }
    return new ShellParser(text, depth + 1, maxDepth);
  }

  private void skipBlanks() {
    while (!atEnd()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\\' && peek(1) == '\n') {
        pos += 2;
      } else {
        break;
      }
    }
  }

  private void skipComment() {
    while (!atEnd() && src.charAt(pos) != '\n') {
      pos++;
    }
  }

  boolean atEnd() {
    return pos >= src.length();
  }

  char peek(int ahead) {
    int i = pos + ahead;
    return i < src.length() ? src.charAt(i) : '\0';
  }

  char next() {
    return src.charAt(pos++);
  }

  int position() {
    return pos;
  }

  String source() {
    return src;
  }

  void advance(int n) {
    pos += n;
  }
}
