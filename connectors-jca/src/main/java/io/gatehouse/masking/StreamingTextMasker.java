package io.gatehouse.masking;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Masks terminal output (SSH shell, exec) that arrives in arbitrary chunks. Made by {@link
 * MaskingPlan#newStreamingMasker()}; one per stream, not thread-safe.
 *
 * <p>Output is released a line at a time: {@link #accept} returns everything up to the last
 * newline, masked, and holds the rest back, so a secret split across chunks is seen whole. The
 * hold-back is bounded: past {@link #MAX_HOLD_BYTES} the oldest bytes are released (a match cut by
 * that point is released whole, masked). An open PEM private-key block is held until its end
 * marker, within the same bound. {@link #flush()} releases everything; the caller calls it at end
 * of stream and after a short idle, so prompts and echoed keystrokes are not delayed. A secret that
 * straddles a flush is not recognised as one.
 *
 * <p>Released bytes never split a UTF-8 character or an escape sequence. Escape sequences (CSI, OSC
 * and other string sequences) pass through untouched and are invisible to the detectors: a sequence
 * in the middle of a secret (colouring half of a card number, say) does not stop the secret from
 * matching, and it is emitted right after the masked replacement, so the terminal's state stays as
 * the program meant while no character of the secret is shown. The payloads of OSC and other string
 * sequences (window titles) are passed through unscanned.
 *
 * <p>A private key released open (by the bound or a flush) is masked from its BEGIN marker on, and
 * the masker keeps masking the lines that follow while they look like key body (base64, headers,
 * blank) up to the END marker, at most {@link #KEY_BODY_LIMIT} bytes: fail closed.
 */
public final class StreamingTextMasker {
  public static final int MAX_HOLD_BYTES = 4096;
  static final int FORCED_TAIL = 1024;
  static final int KEY_BODY_LIMIT = 16 * 1024;
  private static final byte[] NOTHING = new byte[0];

  private final ContentScanner scanner;
  private final ValueMasker masker;
  private final MaskStrategy keyStrategy;
  private final Spans spans = new Spans();
  private byte[] buf = new byte[512];
  private int len;
  private boolean inKeyBody;
  private boolean bodyEndsKeyMode;
  private int keyBodyMasked;

  StreamingTextMasker(ContentScanner scanner, ValueMasker masker) {
    this.scanner = scanner;
    this.masker = masker;
    this.keyStrategy = scanner.strategyFor(DetectorKind.PRIVATE_KEY);
  }

  public byte[] accept(byte[] chunk) {
    return accept(chunk, 0, chunk.length);
  }

  /** Takes the next chunk; returns the bytes that may be sent now (possibly none). */
  public byte[] accept(byte[] chunk, int off, int length) {
    Objects.checkFromIndexSize(off, length, chunk.length);
    if (scanner.isEmpty()) {
      return Arrays.copyOfRange(chunk, off, off + length);
    }
    if (len + length > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + length));
    }
    System.arraycopy(chunk, off, buf, len, length);
    len += length;
    if (len <= MAX_HOLD_BYTES && !containsNewline(chunk, off, length)) {
      return NOTHING;
    }
    return release(false);
  }

  /** Releases everything held back, masked: at end of stream, or after a short idle. */
  public byte[] flush() {
    return len == 0 ? NOTHING : release(true);
  }

  /** How many bytes are held back now. */
  public int heldBytes() {
    return len;
  }

  private byte[] release(boolean all) {
    TerminalText text = TerminalText.of(buf, len);
    Latin1View visible = new Latin1View(text.visible, 0, text.visibleLength);
    int cut = all ? text.visibleLength : lineCut(visible);
    boolean forced = !all && len - text.rawAt(cut) > MAX_HOLD_BYTES;
    if (forced) {
      cut = utf8Boundary(text, Math.max(cut, text.visibleLength - FORCED_TAIL));
    }
    spans.clear();
    int bodyEnd = inKeyBody ? keyBody(visible, all || forced) : 0;
    scanner.scan(visible, TextProfile.of(visible), spans);
    cut = clearOfSpans(cut, forced);
    int rawCut = all ? len : text.rawAt(cut);
    if (rawCut == 0) {
      return NOTHING;
    }
    updateKeyState(visible, cut, bodyEnd);
    byte[] out = write(text, cut, rawCut);
    System.arraycopy(buf, rawCut, buf, 0, len - rawCut);
    len -= rawCut;
    return out;
  }

  /** After the last newline, or before an open private-key block. */
  private int lineCut(Latin1View visible) {
    int cut = visible.length();
    while (cut > 0 && visible.charAt(cut - 1) != '\n') {
      cut--;
    }
    if (keyStrategy != null) {
      int open = PrivateKeyDetector.openBlockStart(visible, cut);
      if (open >= 0) {
        cut = open;
      }
    }
    return cut;
  }

  /** Moves {@code cut} off any span: back to its start, or when forced on to its end. */
  private int clearOfSpans(int cut, boolean forced) {
    for (int i = 0; i < spans.size(); i++) {
      if (spans.start(i) < cut && spans.end(i) > cut) {
        cut = forced ? spans.end(i) : spans.start(i);
      }
    }
    return cut;
  }

  /**
   * Masks the key-body lines at the start of the held text (after a key was released open) and
   * returns their end. A partial last line counts only when {@code partial}. Records whether the
   * key ended there; {@link #updateKeyState} leaves key mode once that part is released.
   */
  private int keyBody(Latin1View visible, boolean partial) {
    int i = 0;
    int n = visible.length();
    bodyEndsKeyMode = false;
    while (i < n) {
      int newline = Ascii.indexOf(visible, '\n', i);
      int lineEnd = newline < 0 ? n : newline;
      CharSequence line = visible.subSequence(i, lineEnd);
      if (!PrivateKeyDetector.isBodyLine(line) || keyBodyMasked + i > KEY_BODY_LIMIT) {
        bodyEndsKeyMode = true;
        break;
      }
      if (PrivateKeyDetector.isEndLine(line)) {
        bodyEndsKeyMode = true;
        i = lineEnd;
        break;
      }
      if (newline < 0) {
        i = partial ? n : i;
        break;
      }
      i = newline + 1;
    }
    spans.use(keyStrategy);
    spans.match(0, i);
    return i;
  }

  private void updateKeyState(Latin1View visible, int cut, int bodyEnd) {
    if (inKeyBody && cut >= bodyEnd) {
      keyBodyMasked += bodyEnd;
      inKeyBody = !bodyEndsKeyMode;
    }
    if (keyStrategy != null && PrivateKeyDetector.openBlockStart(visible, cut) >= 0) {
      inKeyBody = true;
      keyBodyMasked = 0;
    }
  }

  private byte[] write(TerminalText text, int cut, int rawCut) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(rawCut + 16);
    int pos = 0;
    for (int i = 0; i < spans.size() && spans.end(i) <= cut; i++) {
      int start = spans.start(i);
      int end = spans.end(i);
      int rawStart = text.rawAt(start);
      out.write(buf, pos, rawStart - pos);
      String value = new String(text.visible, start, end - start, StandardCharsets.UTF_8);
      out.writeBytes(masker.mask(spans.strategy(i), value).getBytes(StandardCharsets.UTF_8));
      for (int k = start; k < end - 1; k++) {
        int gap = text.rawAt(k) + 1;
        out.write(buf, gap, text.rawAt(k + 1) - gap);
      }
      pos = text.rawAt(end - 1) + 1;
    }
    out.write(buf, pos, rawCut - pos);
    return out.toByteArray();
  }

  private static int utf8Boundary(TerminalText text, int cut) {
    while (cut > 0 && cut < text.visibleLength && (text.visible[cut] & 0xC0) == 0x80) {
      cut--;
    }
    return cut;
  }

  private static boolean containsNewline(byte[] chunk, int off, int length) {
    for (int i = off; i < off + length; i++) {
      if (chunk[i] == '\n') {
        return true;
      }
    }
    return false;
  }
}
