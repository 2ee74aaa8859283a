package io.gatehouse.ssh.command;

/** Decodes the escapes of bash's {@code $'…'} quoting, so {@code $'\x72m'} reads as {@code rm}. */
final class AnsiCEscapes {

  private AnsiCEscapes() {}

  /** Called with the parser just past a backslash; appends the decoded character(s). */
  static void decode(ShellParser p, StringBuilder out) {
    char c = p.next();
    switch (c) {
      case 'n' -> out.append('\n');
      case 't' -> out.append('\t');
      case 'r' -> out.append('\r');
      case 'a' -> out.append('\007');
      case 'b' -> out.append('\b');
      case 'e', 'E' -> out.append('\033');
      case 'f' -> out.append('\f');
      case 'v' -> out.append('\013');
      case 'x' -> out.appendCodePoint(digits(p, 16, 2));
      case 'u' -> out.appendCodePoint(digits(p, 16, 4));
      case 'U' -> out.appendCodePoint(digits(p, 16, 8));
      case 'c' -> out.append(p.atEnd() ? 'c' : (char) (p.next() & 0x1f));
      default -> {
        if (c >= '0' && c <= '7') {
          p.advance(-1);
          out.append((char) digits(p, 8, 3));
        } else if (c == '\\' || c == '\'' || c == '"' || c == '?') {
          out.append(c);
        } else {
          out.append('\\').append(c);
        }
      }
    }
  }

  private static int digits(ShellParser p, int radix, int max) {
    int value = 0;
    int read = 0;
    while (read < max && !p.atEnd() && Character.digit(p.peek(0), radix) >= 0) {
      value = value * radix + Character.digit(p.next(), radix);
      read++;
    }
    return Character.isValidCodePoint(value) ? value : '?';
  }
}
