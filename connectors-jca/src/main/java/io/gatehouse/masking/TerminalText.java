package io.gatehouse.masking;

/**
 * Terminal output with its escape sequences taken out: the visible bytes the detectors scan, and
 * where each came from in the raw bytes. CSI ({@code ESC [ … final}), string sequences (OSC {@code
 * ESC ] … BEL/ST}, and DCS, SOS, PM, APC) and two-byte escapes are removed; a sequence cut off by
 * the end of the buffer is left out of the visible text and marked {@link #incompleteFrom}. A
 * sequence longer than its bound is not treated as one: its ESC stays visible and what follows is
 * scanned as text, so a runaway sequence cannot hide a secret.
 */
final class TerminalText {
  static final int ESC = 0x1B;
  private static final int BEL = 0x07;
  private static final int MAX_CSI = 64;
  private static final int MAX_STRING = 1024;
  private static final int INCOMPLETE = -1;
  private static final int MALFORMED = -2;

  final byte[] visible;
  final int visibleLength;

  /** Raw index of each visible byte; {@code rawIndex[visibleLength]} is {@link #incompleteFrom}. */
  final int[] rawIndex;

  /** Start of an escape sequence cut off at the end of the raw bytes, or the raw length. */
  final int incompleteFrom;

  private TerminalText(byte[] visible, int visibleLength, int[] rawIndex, int incompleteFrom) {
    this.visible = visible;
    this.visibleLength = visibleLength;
    this.rawIndex = rawIndex;
    this.incompleteFrom = incompleteFrom;
  }

  static TerminalText of(byte[] raw, int len) {
    byte[] visible = new byte[len];
    int[] rawIndex = new int[len + 1];
    int v = 0;
    int i = 0;
    while (i < len) {
      if (raw[i] == ESC) {
        int end = escapeEnd(raw, i, len);
        if (end == INCOMPLETE) {
          break;
        }
        if (end != MALFORMED) {
          i = end;
          continue;
        }
      }
      visible[v] = raw[i];
      rawIndex[v++] = i++;
    }
    rawIndex[v] = i;
    return new TerminalText(visible, v, rawIndex, i);
  }

  /** Raw offset where visible index {@code v} starts (or the end of complete content). */
  int rawAt(int v) {
    return rawIndex[v];
  }

  /** End (exclusive) of the escape sequence at {@code i}, or INCOMPLETE, or MALFORMED. */
  static int escapeEnd(byte[] b, int i, int len) {
    if (i + 1 >= len) {
      return INCOMPLETE;
    }
    int c = b[i + 1];
    if (c == '[') {
      for (int j = i + 2; j < len && j - i < MAX_CSI; j++) {
        int x = b[j];
        if (x >= 0x40 && x <= 0x7E) {
          return j + 1;
        }
        if (x < 0x20 || x > 0x3F) {
          return MALFORMED;
        }
      }
      return len - i < MAX_CSI ? INCOMPLETE : MALFORMED;
    }
    if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
      for (int j = i + 2; j < len && j - i < MAX_STRING; j++) {
        if (b[j] == BEL) {
          return j + 1;
        }
        if (b[j] == ESC) {
          if (j + 1 >= len) {
            return INCOMPLETE;
          }
          return b[j + 1] == '\\' ? j + 2 : j;
        }
      }
      return len - i < MAX_STRING ? INCOMPLETE : MALFORMED;
    }
    int j = i + 1;
    while (j < len && b[j] >= 0x20 && b[j] <= 0x2F) {
      j++;
    }
    if (j >= len) {
      return INCOMPLETE;
    }
    return b[j] >= 0x30 && b[j] <= 0x7E ? j + 1 : MALFORMED;
  }
}
