package io.gatehouse.ssh.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A model of the line the user is typing at a terminal, built from keystrokes alone: printable
 * characters (UTF-8), backspace, ^U, ^W and ^C are followed exactly, and bracketed paste is taken
 * as typed text. Anything that edits the line in a way only the target knows (history, tab
 * completion, cursor movement, other escape sequences and control keys) makes the line
 * <em>undecidable</em> until it ends. Not thread-safe.
 */
final class TypedLine {

  /** What one keystroke byte did. */
  enum Key {
    /** A character added to the line (the target echoes it when echo is on). */
    TEXT,
    /** An edit of the line, or part of an escape sequence: forward it. */
    EDIT,
    /** Enter outside a paste: the line is submitted. */
    ENTER,
    /** ^C: the line is abandoned. */
    INTERRUPT
  }

  static final int MAX_BYTES = 64 * 1024;
  private static final byte ESC = 0x1b;

  private final ByteArrayOutputStream text = new ByteArrayOutputStream();
  private final StringBuilder escape = new StringBuilder();
  private boolean inEscape;
  private boolean pasting;
  private String undecidable;

  Key accept(int b) {
    if (inEscape) {
      escape(b);
      return Key.EDIT;
    }
    if (b == ESC) {
      inEscape = true;
      escape.setLength(0);
      return Key.EDIT;
    }
    if (pasting) {
      append(b == '\r' ? '\n' : b);
      return Key.TEXT;
    }
    switch (b) {
      case '\r', '\n' -> {
        return Key.ENTER;
      }
      case 0x03 -> {
        return Key.INTERRUPT;
      }
      case 0x7f, 0x08 -> backspace();
      case 0x15 -> {
        if (undecidable == null) {
          text.reset();
        }
      }
      case 0x17 -> deleteWord();
      case 0x0c -> {
        // ^L redraws the screen; the line is unchanged.
      }
      case 0x04 -> {
        if (text.size() > 0) {
          unknown("^D in a line");
        }
      }
      case '\t' -> unknown("tab completion");
      default -> {
        if (b < 0x20) {
          unknown("control key ^" + (char) (b + '@'));
        } else {
          append(b);
          return Key.TEXT;
        }
      }
    }
    return Key.EDIT;
  }

  /** The line as typed so far. */
  String text() {
    return text.toString(StandardCharsets.UTF_8);
  }

  /** Why the line cannot be known from keystrokes, or null when it can. */
  String undecidable() {
    return undecidable;
  }

  boolean isBlank() {
    return undecidable == null && text().isBlank();
  }

  /** Starts a new line (after Enter or ^C; Enter and ^C themselves leave the line as it is). */
  void clear() {
    text.reset();
    undecidable = null;
    pasting = false;
    inEscape = false;
  }

  private void escape(int b) {
    escape.append((char) b);
    String seq = escape.toString();
    if (seq.length() == 1 && b != '[' && b != 'O') {
      inEscape = false;
      unknown("an Alt/Meta key");
    } else if (seq.startsWith("O") && seq.length() == 2) {
      inEscape = false;
      unknown("a cursor or function key");
    } else if (seq.startsWith("[") && seq.length() > 1 && b >= 0x40 && b <= 0x7e) {
      inEscape = false;
      if (seq.equals("[200~")) {
        pasting = true;
      } else if (seq.equals("[201~")) {
        pasting = false;
      } else {
        unknown(seq.equals("[A") || seq.equals("[B") ? "history" : "a cursor or function key");
      }
    } else if (seq.length() > 16) {
      inEscape = false;
      unknown("an unknown escape sequence");
    }
  }

  private void append(int b) {
    if (text.size() >= MAX_BYTES) {
      unknown("a line longer than " + MAX_BYTES + " bytes");
      return;
    }
    text.write(b);
  }

  private void backspace() {
    byte[] bytes = text.toByteArray();
    int end = bytes.length;
    while (end > 0 && (bytes[end - 1] & 0xc0) == 0x80) {
      end--;
    }
    end = Math.max(0, end - 1);
    text.reset();
    text.write(bytes, 0, end);
  }

  private void deleteWord() {
    if (undecidable != null) {
      return;
    }
    String line = text();
    int end = line.length();
    while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
      end--;
    }
    while (end > 0 && !Character.isWhitespace(line.charAt(end - 1))) {
      end--;
    }
    text.reset();
    text.writeBytes(line.substring(0, end).getBytes(StandardCharsets.UTF_8));
  }

  private void unknown(String why) {
    if (undecidable == null) {
      undecidable = why;
    }
  }
}
