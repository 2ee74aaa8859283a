package io.gatehouse.masking;

/**
 * PEM private keys: the whole block from {@code -----BEGIN … PRIVATE KEY-----} to the matching
 * {@code -----END … PRIVATE KEY-----}. A block with no end marker is masked to the end of the text:
 * a truncated key is still a key.
 */
final class PrivateKeyDetector implements Detector {
  private static final Prefilter PREFILTER =
      new Prefilter(TextProfile.DASH | TextProfile.UPPER, 0, 0, 0);
  static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";
  private static final int MAX_LABEL = 64;

  @Override
  public DetectorKind kind() {
    return DetectorKind.PRIVATE_KEY;
  }

  @Override
  public Prefilter prefilter() {
    return PREFILTER;
  }

  @Override
  public void find(CharSequence text, MatchSink sink) {
    int from = 0;
    int begin;
    while ((begin = Ascii.indexOf(text, BEGIN, from)) >= 0) {
      String label = label(text, begin);
      if (label == null) {
        from = begin + 1;
        continue;
      }
      int end = blockEnd(text, begin, label);
      sink.match(begin, end < 0 ? text.length() : end);
      from = end < 0 ? text.length() : end;
    }
  }

  /**
   * Start of the last {@code BEGIN … PRIVATE KEY} marker before {@code limit} that has no end
   * marker in {@code text}, or -1.
   */
  static int openBlockStart(CharSequence text, int limit) {
    int from = 0;
    int begin;
    while ((begin = Ascii.indexOf(text, BEGIN, from)) >= 0 && begin < limit) {
      String label = label(text, begin);
      if (label == null) {
        from = begin + 1;
        continue;
      }
      int end = blockEnd(text, begin, label);
      if (end < 0) {
        return begin;
      }
      from = end;
    }
    return -1;
  }

  /** True for a line that may sit inside a key block: base64, a header, blank, or the end. */
  static boolean isBodyLine(CharSequence line) {
    if (Ascii.startsWith(line, 0, END)) {
      return true;
    }
    int colon = Ascii.indexOf(line, ':', 0);
    if (colon > 0 && (Ascii.startsWith(line, 0, "Proc-Type") || Ascii.startsWith(line, 0, "DEK"))) {
      return true;
    }
    for (int k = 0; k < line.length(); k++) {
      char c = line.charAt(k);
      if (!Ascii.isBase64(c) && c != '\r') {
        return false;
      }
    }
    return true;
  }

  static boolean isEndLine(CharSequence line) {
    return Ascii.startsWith(line, 0, END) && Ascii.indexOf(line, "PRIVATE KEY", 0) > 0;
  }

  /** The label of a private-key BEGIN marker at {@code begin}, or null if it is not one. */
  private static String label(CharSequence text, int begin) {
    int start = begin + BEGIN.length();
    int close = Ascii.indexOf(text, DASHES, start);
    if (close < 0 || close - start > MAX_LABEL) {
      return null;
    }
    String label = text.subSequence(start, close).toString();
    return label.contains("PRIVATE KEY") && label.indexOf('\n') < 0 ? label : null;
  }

  private static int blockEnd(CharSequence text, int begin, String label) {
    String marker = END + label + DASHES;
    int end = Ascii.indexOf(text, marker, begin + BEGIN.length() + label.length());
    return end < 0 ? -1 : end + marker.length();
  }
}
