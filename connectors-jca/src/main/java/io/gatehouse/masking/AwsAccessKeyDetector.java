package io.gatehouse.masking;

import static io.gatehouse.masking.Ascii.at;
import static io.gatehouse.masking.Ascii.isAlnum;
import static io.gatehouse.masking.Ascii.isUpperAlnum;

/** AWS access key ids: {@code AKIA} (long-term) or {@code ASIA} (temporary) and 16 upper alnum. */
final class AwsAccessKeyDetector implements Detector {
  private static final Prefilter PREFILTER = new Prefilter(TextProfile.UPPER, 0, 0, 0);
  private static final int LENGTH = 20;

  @Override
  public DetectorKind kind() {
    return DetectorKind.AWS_ACCESS_KEY;
  }

  @Override
  public Prefilter prefilter() {
    return PREFILTER;
  }

  @Override
  public void find(CharSequence text, MatchSink sink) {
    int last = text.length() - LENGTH;
    int i = 0;
    while (i <= last) {
      if (isKeyAt(text, i)) {
        sink.match(i, i + LENGTH);
        i += LENGTH;
      } else {
        i++;
      }
    }
  }

  private static boolean isKeyAt(CharSequence t, int i) {
    if (t.charAt(i) != 'A'
        || (t.charAt(i + 1) != 'K' && t.charAt(i + 1) != 'S')
        || t.charAt(i + 2) != 'I'
        || t.charAt(i + 3) != 'A'
        || isAlnum(at(t, i - 1))
        || isAlnum(at(t, i + LENGTH))) {
      return false;
    }
    for (int k = 4; k < LENGTH; k++) {
      if (!isUpperAlnum(t.charAt(i + k))) {
        return false;
      }
    }
    return true;
  }
}
