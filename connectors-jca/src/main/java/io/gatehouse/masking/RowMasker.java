package io.gatehouse.masking;

import java.util.Objects;

/**
 * Masks the values of one result set, column by column: each column is untouched, masked whole (a
 * column rule), or scanned by the detectors that apply to it. Made by {@link
 * MaskingPlan#forColumns}; holds scratch space, so one per result set and thread.
 */
public final class RowMasker {
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
    Objects.checkIndex(column, whole.length);
    if (utf8 == null) {
      return null;
    }
    MaskStrategy strategy = whole[column];
    if (strategy != null) {
      return masker.maskWhole(strategy, utf8);
    }
    ContentScanner scanner = scanners[column];
    if (scanner == null) {
      return utf8;
    }
    long profile = TextProfile.of(utf8, 0, utf8.length);
    if (!scanner.admits(profile)) {
      return utf8;
    }
    spans.clear();
    scanner.scan(view.reset(utf8, 0, utf8.length), profile, spans);
    return spans.size() == 0 ? utf8 : masker.rewrite(utf8, spans);
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
