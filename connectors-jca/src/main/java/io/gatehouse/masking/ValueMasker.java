package io.gatehouse.masking;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Applies the {@link MaskStrategy strategies} to whole values and to the spans of a text. Holds its
 * own {@link KeyedHasher}, so it is not thread-safe: one per masker.
 */
final class ValueMasker {
  static final String REDACTED = "****";
  private static final int KEPT = 4;

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
      case HASH -> hash(value.getBytes(StandardCharsets.UTF_8));
    };
  }

  byte[] maskWhole(MaskStrategy strategy, byte[] utf8) {
    return switch (strategy) {
      case REDACT -> REDACTED.getBytes(StandardCharsets.US_ASCII);
      case PARTIAL ->
          partial(new String(utf8, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
      case HASH -> hash(utf8).getBytes(StandardCharsets.US_ASCII);
    };
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

  private String hash(byte[] utf8) {
    if (hasher == null) {
      throw new IllegalStateException("no masking key configured for the hash strategy");
    }
    return hasher.hash(utf8, 0, utf8.length);
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
    ByteArrayOutputStream out = new ByteArrayOutputStream(utf8.length);
    int pos = 0;
    for (int i = 0; i < spans.size(); i++) {
      int start = spans.start(i);
      out.write(utf8, pos, start - pos);
      String value = new String(utf8, start, spans.end(i) - start, StandardCharsets.UTF_8);
      out.writeBytes(mask(spans.strategy(i), value).getBytes(StandardCharsets.UTF_8));
      pos = spans.end(i);
    }
    out.write(utf8, pos, utf8.length - pos);
    return out.toByteArray();
  }
}
