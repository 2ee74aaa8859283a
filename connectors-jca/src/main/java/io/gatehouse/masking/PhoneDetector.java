package io.gatehouse.masking;

import static io.gatehouse.masking.Ascii.at;
import static io.gatehouse.masking.Ascii.isAlnum;
import static io.gatehouse.masking.Ascii.isDigit;

/**
 * Phone numbers: E.164 ({@code +} and 8 to 15 digits, any grouping) and national forms with
 * separators: North American {@code (555) 123-4567}, {@code 555.123.4567}, {@code 1 555 123 4567},
 * and trunk-prefixed {@code 0…} numbers of 10 or 11 digits in two to five groups (UK, France,
 * Germany…). A bare digit run without {@code +} is never a phone number (order ids, amounts), and
 * group shapes of dates and card numbers are not accepted.
 */
final class PhoneDetector implements Detector {
  private static final Prefilter PREFILTER =
      new Prefilter(
          0,
          TextProfile.PLUS
              | TextProfile.DASH
              | TextProfile.DOT
              | TextProfile.SPACE
              | TextProfile.PAREN,
          8,
          0);
  private static final int MAX_GROUPS = 7;

  /** Where {@link #parse} leaves the group count in its array. */
  private static final int COUNT = MAX_GROUPS;

  @Override
  public DetectorKind kind() {
    return DetectorKind.PHONE;
  }

  @Override
  public Prefilter prefilter() {
    return PREFILTER;
  }

  @Override
  public void find(CharSequence text, MatchSink sink) {
    int[] groups = new int[MAX_GROUPS + 1];
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!(isDigit(c) || c == '+' || c == '(') || !isStartBoundary(at(text, i - 1))) {
        i++;
        continue;
      }
      int end = parse(text, i, groups);
      if (end < 0) {
        i++;
        continue;
      }
      char firstDigit = at(text, c == '+' || c == '(' ? i + 1 : i);
      if (!isAlnum(at(text, end)) && accepts(c == '+', firstDigit, groups, groups[COUNT])) {
        sink.match(i, end);
      }
      i = end;
    }
  }

  private static boolean isStartBoundary(char prev) {
    return !isAlnum(prev)
        && prev != '+'
        && prev != '-'
        && prev != '.'
        && prev != '/'
        && prev != '_';
  }

  /**
   * Reads digit groups from {@code start} into {@code groups}, the count into {@code
   * groups[COUNT]}. Returns the end of the last group, or -1.
   */
  private static int parse(CharSequence t, int start, int[] groups) {
    int j = t.charAt(start) == '+' ? start + 1 : start;
    int count = 0;
    int end = -1;
    boolean parenUsed = false;
    while (count < MAX_GROUPS) {
      boolean paren = at(t, j) == '(' && !parenUsed && count <= 1;
      if (paren) {
        parenUsed = true;
        j++;
      }
      int g = j;
      while (isDigit(at(t, j))) {
        j++;
      }
      if (j == g || (paren && at(t, j) != ')')) {
        break;
      }
      groups[count++] = j - g;
      if (paren) {
        j++;
      }
      end = j;
      char sep = at(t, j);
      char next = at(t, j + 1);
      if ((sep == ' ' || sep == '-' || sep == '.') && (isDigit(next) || next == '(')) {
        j++;
      } else if (!(paren && isDigit(sep))) {
        break;
      }
    }
    groups[COUNT] = count;
    return count == 0 ? -1 : end;
  }

  private static boolean accepts(boolean plus, char first, int[] groups, int count) {
    int digits = 0;
    for (int k = 0; k < count; k++) {
      digits += groups[k];
    }
    if (plus) {
      return digits >= 8 && digits <= 15 && (count == 1 || groups[0] <= 4);
    }
    if (count < 2) {
      return false;
    }
    if (shape(groups, count, 3, 3, 4)) {
      return true;
    }
    if (shape(groups, count, 1, 3, 3, 4)) {
      return first == '1';
    }
    if (first != '0' || digits < 10 || digits > 11 || count > 5) {
      return false;
    }
    for (int k = 0; k < count; k++) {
      if (groups[k] < 2) {
        return false;
      }
    }
    return true;
  }

  private static boolean shape(int[] groups, int count, int... sizes) {
    if (count != sizes.length) {
      return false;
    }
    for (int k = 0; k < count; k++) {
      if (groups[k] != sizes[k]) {
        return false;
      }
    }
    return true;
  }
}
