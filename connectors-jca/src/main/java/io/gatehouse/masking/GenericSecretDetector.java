package io.gatehouse.masking;

import static io.gatehouse.masking.Ascii.at;
import static io.gatehouse.masking.Ascii.isAlnum;

import java.util.List;
import java.util.Locale;

/**
 * Secrets assigned to a telling key: {@code password=…}, {@code passwd: …}, {@code api_key=…},
 * {@code "secret": "…"}, {@code token=…}, {@code DB_PASSWORD=…}. Only the value is masked, never
 * the key name. The key is the identifier before {@code =} or {@code :}; it counts when, with
 * {@code _ - .} removed, it ends in one of the {@link #KEYWORDS}. A quoted value runs to its
 * closing quote, an unquoted one to whitespace or a delimiter ({@code & , ; ) ] } > < " '}).
 */
final class GenericSecretDetector implements Detector {
  private static final Prefilter PREFILTER = new Prefilter(TextProfile.ASSIGN, 0, 0, 0);
  static final List<String> KEYWORDS =
      List.of(
          "password",
          "passwd",
          "passphrase",
          "secret",
          "token",
          "apikey",
          "accesskey",
          "secretkey",
          "privatekey",
          "credentials");

  /** The last letters of the keywords: a cheap test before the key is read. */
  private static final String KEY_LAST_LETTERS = "detnys";

  private static final int MAX_KEY = 64;

  @Override
  public DetectorKind kind() {
    return DetectorKind.GENERIC_SECRET;
  }

  @Override
  public Prefilter prefilter() {
    return PREFILTER;
  }

  @Override
  public void find(CharSequence text, MatchSink sink) {
    int n = text.length();
    for (int p = 0; p < n; p++) {
      char c = text.charAt(p);
      if ((c == '=' || c == ':') && isSecretKeyBefore(text, p)) {
        int end = valueEnd(text, p, sink);
        if (end > p) {
          p = end - 1;
        }
      }
    }
  }

  /** Reports the value after the operator at {@code op}; returns its end, or -1. */
  private static int valueEnd(CharSequence t, int op, MatchSink sink) {
    int v = op + 1;
    char next = at(t, v);
    if (next == '=' && t.charAt(op) == ':') {
      v++;
    } else if (next == '=' || (next == '/' && at(t, v + 1) == '/')) {
      return -1;
    }
    while (at(t, v) == ' ' || at(t, v) == '\t') {
      v++;
    }
    char quote = at(t, v);
    if (quote == '"' || quote == '\'') {
      int close = v + 1;
      while (close < t.length() && t.charAt(close) != quote && t.charAt(close) != '\n') {
        close++;
      }
      if (at(t, close) == quote && close > v + 1) {
        sink.match(v + 1, close);
        return close + 1;
      }
      v++;
    }
    int e = v;
    while (e < t.length() && !isTerminator(t.charAt(e))) {
      e++;
    }
    if (e == v) {
      return -1;
    }
    sink.match(v, e);
    return e;
  }

  private static boolean isSecretKeyBefore(CharSequence t, int op) {
    int k = op;
    while (at(t, k - 1) == ' ' || at(t, k - 1) == '\t') {
      k--;
    }
    if (at(t, k - 1) == '"' || at(t, k - 1) == '\'') {
      k--;
    }
    int keyEnd = k;
    if (k == 0 || KEY_LAST_LETTERS.indexOf(Ascii.toLower(t.charAt(k - 1))) < 0) {
      return false;
    }
    while (k > 0 && keyEnd - k < MAX_KEY && isKeyChar(t.charAt(k - 1))) {
      k--;
    }
    if (k == keyEnd) {
      return false;
    }
    StringBuilder key = new StringBuilder(keyEnd - k);
    for (int i = k; i < keyEnd; i++) {
      char c = t.charAt(i);
      if (isAlnum(c)) {
        key.append(c);
      }
    }
    String normalized = key.toString().toLowerCase(Locale.ROOT);
    for (String keyword : KEYWORDS) {
      if (normalized.endsWith(keyword)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isKeyChar(char c) {
    return isAlnum(c) || c == '_' || c == '-' || c == '.';
  }

  private static boolean isTerminator(char c) {
    return c <= ' ' || "&,;)]}><\"'".indexOf(c) >= 0;
  }
}
