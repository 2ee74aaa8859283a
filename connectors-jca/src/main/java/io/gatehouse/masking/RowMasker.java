package io.gatehouse.masking;

import java.util.Arrays;
import java.util.Objects;

/**
 * Masks the values of one result set, column by column: each column is untouched, masked whole (a
 * column rule), or scanned by the detectors that apply to it. Made by {@link
 * MaskingPlan#forColumns}; holds scratch space, so one per result set and thread.
 */
public final class RowMasker {
  /**
   * Returned by {@link #maskRegion(int, byte[], int, int, boolean)} for a value masked where it
   * lies (compared by identity).
   */
  public static final byte[] IN_PLACE = new byte[0];

  private final MaskStrategy[] whole;
  private final ContentScanner[] scanners;
  private final ContentScanner textScanner;
  private final ValueMasker masker;
  private final Spans spans = new Spans();
  private final Latin1View view = new Latin1View();
  private final boolean touchesAny;

  RowMasker(
      MaskStrategy[] whole,
      ContentScanner[] scanners,
      ContentScanner textScanner,
      ValueMasker masker) {
    this.whole = whole;
    this.scanners = scanners;
    this.textScanner = textScanner;
    this.masker = masker;
    boolean any = false;
    for (int c = 0; c < whole.length; c++) {
      any |= touchesColumn(c);
    }
    this.touchesAny = any;
  }

  public int columnCount() {
    return whole.length;
  }

  /** False when no column is ever masked: the caller can pass rows through untouched. */
  public boolean touchesAnyColumn() {
    return touchesAny;
  }

  public boolean touchesColumn(int column) {
    return whole[column] != null || scanners[column] != null;
  }

  /** Whether a column rule masks every value of {@code column} (rather than detectors scanning). */
  public boolean masksWhole(int column) {
    return whole[column] != null;
  }

  /**
   * The value of {@code column} as sent to the client, from its UTF-8 (text format) bytes. Returns
   * the same array instance when nothing changed, and null for SQL NULL.
   */
  public byte[] maskValue(int column, byte[] utf8) {
    if (utf8 == null) {
      Objects.checkIndex(column, whole.length);
      return null;
    }
    byte[] masked = maskRegion(column, utf8, 0, utf8.length);
    return masked == null ? utf8 : masked;
  }

  /**
   * The masked form of the value {@code buffer[offset, offset + length)} of {@code column} (UTF-8,
   * text format), or null when it stays as it is. Works in place: the value is copied only when it
   * is rewritten, and the pre-filter rejects most values after reading few of their bytes (a value
   * shorter than any match; for a card-only plan, one with no long digit run).
   */
  public byte[] maskRegion(int column, byte[] buffer, int offset, int length) {
    return maskRegion(column, buffer, offset, length, false);
  }

  /**
   * As {@link #maskRegion(int, byte[], int, int)}; when {@code writable}, a value whose masked
   * spans all keep their byte length (a partial mask of ASCII text, as of card numbers) is masked
   * where it lies in {@code buffer} and {@link #IN_PLACE} is returned: no new value is made.
   */
  public byte[] maskRegion(int column, byte[] buffer, int offset, int length, boolean writable) {
    Objects.checkIndex(column, whole.length);
    MaskStrategy strategy = whole[column];
    if (strategy != null) {
      return masker.maskWhole(strategy, Arrays.copyOfRange(buffer, offset, offset + length));
    }
    ContentScanner scanner = scanners[column];
    if (scanner == null) {
      return null;
    }
    long profile = scanner.admit(buffer, offset, length);
    if (profile == -1) {
      return null;
    }
    spans.clear();
    scanner.scan(view.reset(buffer, offset, length), profile, spans);
    if (spans.size() == 0) {
      return null;
    }
    if (writable && masker.maskInPlace(buffer, offset, spans)) {
      return IN_PLACE;
    }
    return masker.rewrite(buffer, offset, length, spans);
  }

  /** As {@link #maskValue(int, byte[])} for a decoded value; the same instance if unchanged. */
  public String maskString(int column, String value) {
    Objects.checkIndex(column, whole.length);
    if (value == null || !touchesColumn(column)) {
      return value;
    }
    MaskStrategy strategy = whole[column];
    if (strategy != null) {
      return masker.mask(strategy, value);
    }
    return MaskingPlan.maskText(value, scanners[column], spans, masker);
  }

  /** Every detector rule of the plan applied to free text; {@code text} itself if unchanged. */
  public String maskText(String text) {
    return MaskingPlan.maskText(text, textScanner, spans, masker);
  }

  String describe() {
    int masked = 0;
    int scanned = 0;
    for (int c = 0; c < whole.length; c++) {
      masked += whole[c] != null ? 1 : 0;
      scanned += scanners[c] != null ? 1 : 0;
    }
    return masked + " masked whole, " + scanned + " scanned";
  }
}
