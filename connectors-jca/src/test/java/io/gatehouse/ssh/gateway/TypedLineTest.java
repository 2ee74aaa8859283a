package io.gatehouse.ssh.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TypedLineTest {

  /** Types {@code keys} up to Enter; returns the line, or why it is undecidable. */
  private static String typed(String keys) {
    TypedLine line = new TypedLine();
    for (byte b : keys(keys)) {
      if (line.accept(b & 0xff) == TypedLine.Key.ENTER) {
        break;
      }
    }
    return line.undecidable() == null
        ? line.text().replace("\n", "\\n")
        : "? " + line.undecidable();
  }

  /** Caret notation ({@code ^M} is CR, {@code ^?} DEL, {@code ^[} ESC) to bytes. */
  private static byte[] keys(String caret) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < caret.length(); i++) {
      char c = caret.charAt(i);
      if (c == '^' && i + 1 < caret.length()) {
        char k = caret.charAt(++i);
        out.append(k == '?' ? (char) 0x7f : (char) (k - '@'));
      } else {
        out.append(c);
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "plain text              | ls -la^M                   | ls -la",
        "backspace (DEL)         | lsx^? -la^M               | ls -la",
        "backspace (^H)          | lsx^H^M                   | ls",
        "backspace over UTF-8    | echo é^?e^M               | echo e",
        "^U kills the line       | rm -rf /^Uecho ok^M       | echo ok",
        "^W kills a word         | rm -rf /tmp ^W/var^M      | rm -rf /var",
        "^L changes nothing      | ls^L^M                    | ls",
        "bracketed paste         | ^[[200~echo a^Mb^[[201~^M | echo a\\nb",
        "line feed as Enter      | uptime^J                  | uptime",
        "history (up arrow)      | ^[[A^M                    | ? history",
        "cursor left             | rm -rf /x^[[Dy^M          | ? a cursor or function key",
        "application cursor keys | ls^[OD^M                  | ? a cursor or function key",
        "tab completion          | rm -rf /tm^I^M            | ? tab completion",
        "Alt+b (word back)       | ls^[b^M                   | ? an Alt/Meta key",
        "^A (line start)         | ls^Arm ^M                 | ? control key ^A",
        "^D inside a line        | ls^D^M                    | ? ^D in a line",
      })
  void followsTheLineOrSaysWhyNot(String name, String keys, String expected) {
    assertEquals(expected, typed(keys), name);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {"^C abandons | rm -rf /^C", "Enter submits | rm -rf /^M"})
  void interruptAndEnterEndTheLine(String name, String keys) {
    TypedLine line = new TypedLine();
    TypedLine.Key last = null;
    for (byte b : keys(keys)) {
      last = line.accept(b & 0xff);
    }
    assertEquals(name.startsWith("^C") ? TypedLine.Key.INTERRUPT : TypedLine.Key.ENTER, last);
    line.clear();
    assertEquals("", line.text(), "a new line starts empty");
    assertNull(line.undecidable(), "and decidable");
  }
}
