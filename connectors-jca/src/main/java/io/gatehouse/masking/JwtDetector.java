package io.gatehouse.masking;

import static io.gatehouse.masking.Ascii.at;
import static io.gatehouse.masking.Ascii.isBase64Url;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * JSON Web Tokens in compact form: three base64url segments (five for JWE) separated by dots, the
 * first decoding to a JSON object with an {@code "alg"} member.
 */
final class JwtDetector implements Detector {
  private static final Prefilter PREFILTER =
      new Prefilter(TextProfile.DOT | TextProfile.UPPER, 0, 0, 0);
  private static final int MAX_HEADER = 2048;

  @Override
  public DetectorKind kind() {
    return DetectorKind.JWT;
  }

  @Override
  public Prefilter prefilter() {
    return PREFILTER;
  }

  @Override
  public void find(CharSequence text, MatchSink sink) {
    int from = 0;
    int start;
    while ((start = Ascii.indexOf(text, "eyJ", from)) >= 0) {
      int end = tokenEnd(text, start);
      if (end > 0) {
        sink.match(start, end);
        from = end;
      } else {
        from = start + 1;
      }
    }
  }

  private static int tokenEnd(CharSequence t, int start) {
    char before = at(t, start - 1);
    if (isBase64Url(before) || before == '.') {
      return -1;
    }
    int headerEnd = segmentEnd(t, start);
    if (at(t, headerEnd) != '.' || !isJoseHeader(t, start, headerEnd)) {
      return -1;
    }
    int segments = 1;
    int j = headerEnd;
    while (at(t, j) == '.' && segments < 5) {
      j = segmentEnd(t, j + 1);
      segments++;
    }
    if ((segments != 3 && segments != 5) || at(t, j) == '.' || j - headerEnd < 3) {
      return -1;
    }
    return j;
  }

  private static int segmentEnd(CharSequence t, int from) {
    int j = from;
    while (isBase64Url(at(t, j))) {
      j++;
    }
    return j;
  }

  private static boolean isJoseHeader(CharSequence t, int start, int end) {
    if (end - start > MAX_HEADER) {
      return false;
    }
    try {
      byte[] json = Base64.getUrlDecoder().decode(t.subSequence(start, end).toString());
      String header = new String(json, StandardCharsets.UTF_8).strip();
      return header.startsWith("{") && header.contains("\"alg\"");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
