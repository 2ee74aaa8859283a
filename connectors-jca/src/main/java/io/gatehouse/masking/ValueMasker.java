package io.gatehouse.masking;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Applies the {@link MaskStrategy strategies} to whole values and to the spans of a text. Stateless
 * and thread-safe. The byte paths write ASCII masks straight into the output and only decode when a
 * partial mask has to count non-ASCII characters.
 */
final class ValueMasker {
  static final String REDACTED = "****";
  private static final int KEPT = 4;
  private static final byte[] STARS = "*".repeat(32).getBytes(StandardCharsets.US_ASCII);

  private final KeyedHasher hasher;

  /**
   * @param hasher null when no rule hashes
   */
  ValueMasker(KeyedHasher hasher) {
    this.hasher = hasher;
  }

  String mask(MaskStrategy strategy, String value) {
    return switch (strategy) {
      case REDACT -> REDACTED;
      case PARTIAL -> partial(value);
      case HASH -> {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        yield hasher().hash(utf8, 0, utf8.length);
      }
    };
  }

  byte[] maskWhole(MaskStrategy strategy, byte[] utf8) {
    Output out = new Output(Math.max(utf8.length, 18));
    mask(strategy, utf8, 0, utf8.length, out);
    return out.toByteArray();
  }

  /** All but the last four characters (code points) starred; four or fewer become {@code ****}. */
  static String partial(String value) {
    int count = value.codePointCount(0, value.length());
    if (count <= KEPT) {
      return REDACTED;
    }
    int keepFrom = value.offsetByCodePoints(value.length(), -KEPT);
    return "*".repeat(count - KEPT) + value.substring(keepFrom);
  }

  /** {@code text} with every span replaced by its masked form. */
  String rewrite(String text, Spans spans) {
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    for (int i = 0; i < spans.size(); i++) {
      out.append(text, pos, spans.start(i));
      out.append(mask(spans.strategy(i), text.substring(spans.start(i), spans.end(i))));
      pos = spans.end(i);
    }
    return out.append(text, pos, text.length()).toString();
  }

  /**
   * {@code utf8} with every span (byte offsets, as found through a {@link Latin1View}) replaced.
   * Spans start and end on ASCII characters, so each decodes to exactly the matched text.
   */
  byte[] rewrite(byte[] utf8, Spans spans) {
    return rewrite(utf8, 0, utf8.length, spans);
  }

  /**
   * As {@link #rewrite(byte[], Spans)} for the value {@code buffer[offset, offset + length)}, spans
   * relative to {@code offset}; the value is read where it lies.
   */
  byte[] rewrite(byte[] buffer, int offset, int length, Spans spans) {
    // Sized for the usual case, a partial mask of ASCII text, which keeps the length.
    Output out = new Output(Math.max(length, 4));
    int pos = 0;
    for (int i = 0; i < spans.size(); i++) {
      out.write(buffer, offset + pos, spans.start(i) - pos);
      mask(spans.strategy(i), buffer, offset + spans.start(i), offset + spans.end(i), out);
      pos = spans.end(i);
    }
    out.write(buffer, offset + pos, length - pos);
    return out.toByteArray();
  }

  /**
   * Masks every span of {@code buffer[offset, offset + length)} where it lies, when each masked
   * span keeps its byte length: a partial mask of ASCII text, or a redaction of exactly four bytes.
   * Returns false, with {@code buffer} untouched, when some span would change length (then {@link
   * #rewrite(byte[], int, int, Spans)} builds the new value).
   */
  boolean maskInPlace(byte[] buffer, int offset, Spans spans) {
    for (int i = 0; i < spans.size(); i++) {
      int start = offset + spans.start(i);
      int end = offset + spans.end(i);
      boolean keepsLength =
          switch (spans.strategy(i)) {
            case PARTIAL -> end - start >= KEPT && isAscii(buffer, start, end);
            case REDACT -> end - start == KEPT;
            case HASH -> false;
          };
      if (!keepsLength) {
        return false;
      }
    }
    for (int i = 0; i < spans.size(); i++) {
      // as mask() below: four stars for a redaction or a four-character partial, else stars
      // over all but the last four
      int start = offset + spans.start(i);
      int length = spans.end(i) - spans.start(i);
      stars(buffer, start, spans.strategy(i) == MaskStrategy.REDACT ? KEPT : partialStars(length));
    }
    return true;
  }

  private static int partialStars(int length) {
    return length <= KEPT ? KEPT : length - KEPT;
  }

  private static void stars(byte[] buffer, int at, int n) {
    if (n <= STARS.length) {
      System.arraycopy(STARS, 0, buffer, at, n);
    } else {
      Arrays.fill(buffer, at, at + n, (byte) '*');
    }
  }

  private void mask(MaskStrategy strategy, byte[] utf8, int start, int end, Output out) {
    switch (strategy) {
      case REDACT -> out.stars(KEPT);
      case HASH -> {
        byte[] hash = hasher().hashBytes(utf8, start, end - start);
        out.write(hash, 0, hash.length);
      }
      case PARTIAL -> {
        if (!isAscii(utf8, start, end)) {
          String value = new String(utf8, start, end - start, StandardCharsets.UTF_8);
          byte[] masked = partial(value).getBytes(StandardCharsets.UTF_8);
          out.write(masked, 0, masked.length);
        } else if (end - start <= KEPT) {
          out.stars(KEPT);
        } else {
          out.stars(end - start - KEPT);
          out.write(utf8, end - KEPT, KEPT);
        }
      }
    }
  }

  private KeyedHasher hasher() {
    if (hasher == null) {
      throw new IllegalStateException("no masking key configured for the hash strategy");
    }
    return hasher;
  }

  private static boolean isAscii(byte[] b, int start, int end) {
    return AsciiWords.isAscii(b, start, end);
  }

  /** A growable byte buffer without the locking of {@code ByteArrayOutputStream}. */
  private static final class Output {
    private byte[] buf;
    private int len;

    Output(int capacity) {
      buf = new byte[capacity];
    }

    void write(byte[] b, int off, int n) {
      ensure(n);
      System.arraycopy(b, off, buf, len, n);
      len += n;
    }

    void stars(int n) {
      ensure(n);
      if (n <= STARS.length) {
        System.arraycopy(STARS, 0, buf, len, n);
      } else {
        Arrays.fill(buf, len, len + n, (byte) '*');
      }
      len += n;
    }

    byte[] toByteArray() {
      return len == buf.length ? buf : Arrays.copyOf(buf, len);
    }

    private void ensure(int n) {
      if (len + n > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
      }
    }
  }
}
