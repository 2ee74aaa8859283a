package io.gatehouse.pg.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The masking hot path: rewrites selected columns of DataRow frames. Values are handed to the
 * rewriter where they lie in the frame's array (no slice and no copy per value); a row whose
 * selected values all come back unchanged is relayed as it came, so the only per-row work is
 * reading the column offsets (into reused scratch arrays). On the relay's path a row whose new
 * values keep their lengths is masked where it lies (the frame's own array; a {@link RegionMasker}
 * writes such values there itself, with no new array per value); any other rewritten row is
 * assembled in a reused buffer, the unchanged stretches between rewritten values copied in one
 * piece each. NULLs are never passed to the rewriter and stay NULL. Not thread-safe: one instance
 * per session.
 */
public final class DataRowRewriter {

  /** Rewrites one value; returns {@code null} to keep it unchanged (no allocation). */
  @FunctionalInterface
  public interface ValueRewriter {
    byte[] rewrite(int column, ByteBuffer value);
  }

  /**
   * Rewrites one value where it lies: {@code array[offset, offset + length)}. Returns {@code null}
   * to keep it unchanged, {@link #SQL_NULL} to send NULL, else the new value. Must not modify
   * {@code array}.
   */
  @FunctionalInterface
  public interface RegionRewriter {
    byte[] rewrite(int column, byte[] array, int offset, int length);
  }

  /**
   * A {@link RegionRewriter} that may also mask a value where it lies: when {@code writable}, it
   * may write a new value of the same length over {@code array[offset, offset + length)} and return
   * {@link #IN_PLACE}. It must leave {@code array} untouched when it returns anything else.
   */
  @FunctionalInterface
  public interface RegionMasker {
    byte[] rewrite(int column, byte[] array, int offset, int length, boolean writable);
  }

  /** Returned by a {@link ValueRewriter} to send the value as SQL NULL (compared by identity). */
  public static final byte[] SQL_NULL = new byte[0];

  /** Returned by a {@link RegionMasker} that rewrote the value where it lies (by identity). */
  public static final byte[] IN_PLACE = new byte[0];

  private static final int HEADER = 7;
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  private final boolean[] selected;
  private final RegionMasker rewriter;
  private int[] offsets = new int[16];
  private int[] lengths = new int[16];
  private byte[][] replaced = new byte[16][];
  private byte[] copy = new byte[0];
  private byte[] out = new byte[256];
  private int outLength;

  // The row rewriteInto found changed, for assemble() or the in-place write.
  private byte[] array;
  private int base;
  private int size;
  private int last;
  private int newLength;

  /** {@code columns}: 0-based indexes to pass to {@code rewriter}; others are copied untouched. */
  public DataRowRewriter(int[] columns, ValueRewriter rewriter) {
    this(
        columns,
        (RegionRewriter)
            (column, array, offset, length) ->
                rewriter.rewrite(
                    column, ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer()));
  }

  /** As above, with the values seen where they lie in the frame's array. */
  public DataRowRewriter(int[] columns, RegionRewriter rewriter) {
    this(
        columns,
        (RegionMasker)
            (column, array, offset, length, writable) ->
                rewriter.rewrite(column, array, offset, length));
  }

  /**
   * As above; the rewriter may mask values in place where the frame's array is the relay's own
   * ({@link #rewrite(Frame)}) or this rewriter's copy, never in a caller's buffer otherwise.
   */
  public DataRowRewriter(int[] columns, RegionMasker rewriter) {
    int max = Arrays.stream(columns).max().orElse(-1);
    selected = new boolean[max + 1];
    for (int c : columns) {
      if (c < 0) {
        throw new IllegalArgumentException("negative column index " + c);
      }
      selected[c] = true;
    }
    this.rewriter = rewriter;
  }

  /**
   * With a byte[] function: each selected non-NULL value is copied out for it, and a result equal
   * to its input counts as unchanged.
   */
  public static DataRowRewriter ofBytes(int[] columns, UnaryOperator<byte[]> function) {
    return new DataRowRewriter(
        columns,
        (RegionRewriter)
            (column, array, offset, length) -> {
              byte[] in = Arrays.copyOfRange(array, offset, offset + length);
              byte[] result = function.apply(in);
              return result == null || Arrays.equals(in, result) ? null : result;
            });
  }

  /**
   * {@code frame}: a whole DataRow frame (type, length, body) from position to limit. Returns
   * {@code frame} itself if nothing changed, else a new heap buffer holding the rewritten frame.
   */
  public ByteBuffer rewrite(ByteBuffer frame) throws WireFormatException {
    if (!rewriteInto(frame, false)) {
      return frame;
    }
    assemble();
    return ByteBuffer.wrap(Arrays.copyOf(out, outLength));
  }

  /**
   * The relay's path: {@code null} when nothing changed (relay {@code frame} as it is), else the
   * rewritten frame. When every changed value kept its length (a partial mask of ASCII text) the
   * new values are written over the old ones in the frame's own array, and that buffer is returned:
   * the frame (one backend message, in an array of its own) is masked where it lies and no row is
   * copied. Otherwise the row is assembled in this rewriter's buffer, valid until its next call;
   * values a {@link RegionMasker} masked in place are then in the frame's array as well.
   */
  public ByteBuffer rewrite(Frame frame) throws WireFormatException {
    ByteBuffer buffer = frame.buffer();
    if (!rewriteInto(buffer, true)) {
      return null;
    }
    if (!buffer.hasArray() || !sameLengths()) { // a read-only buffer has no array
      assemble();
      return ByteBuffer.wrap(out, 0, outLength);
    }
    byte[] array = buffer.array();
    int base = buffer.arrayOffset() + buffer.position();
    this.array = null;
    for (int i = 0; i <= last; i++) {
      byte[] v = replaced[i];
      if (v != null) {
        replaced[i] = null;
        System.arraycopy(v, 0, array, base + offsets[i], v.length);
      }
    }
    return buffer;
  }

  /**
   * Whether every replaced value is a value (not NULL) of the same length as the one it replaces.
   */
  private boolean sameLengths() {
    for (int i = 0; i <= last; i++) {
      byte[] v = replaced[i];
      if (v != null && (v == SQL_NULL || v.length != lengths[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when a value changed: {@link #replaced} then holds the new values up to column {@link
   * #last}, and {@link #assemble()} writes the new frame into {@code out[0, outLength)}.
   */
  private boolean rewriteInto(ByteBuffer frame, boolean ownArray) throws WireFormatException {
    if (frame.remaining() < HEADER || frame.get(frame.position()) != BackendCode.DATA_ROW) {
      throw new WireFormatException("invalid DataRow message: not a DataRow frame");
    }
    byte[] array;
    int base;
    int size = frame.remaining();
    boolean writable = true; // the frame's own array on the relay's path, or the copy below
    if (frame.hasArray()) {
      array = frame.array();
      base = frame.arrayOffset() + frame.position();
      writable = ownArray;
    } else {
      if (copy.length < size) {
        copy = new byte[Math.max(size, copy.length * 2)];
      }
      frame.get(frame.position(), copy, 0, size);
      array = copy;
      base = 0;
    }
    int n = scan(array, base, size);
    int newLength = size - 1;
    int last = -1;
    for (int i = 0, m = Math.min(n, selected.length); i < m; i++) {
      byte[] v = null;
      if (selected[i] && lengths[i] >= 0) {
        v = rewriter.rewrite(i, array, base + offsets[i], lengths[i], writable);
        if (v == IN_PLACE) {
          if (!writable) {
            throw new IllegalStateException("value rewritten in place in a read-only frame");
          }
          v = null; // already in the frame, same length
          last = i;
        } else if (v != null) {
          newLength += v.length - lengths[i];
          last = i;
        }
      }
      replaced[i] = v;
    }
    if (last < 0) {
      return false;
    }
    this.array = array;
    this.base = base;
    this.size = size;
    this.last = last;
    this.newLength = newLength;
    return true;
  }

  /** Fills offsets/lengths (relative to the frame's start); returns the column count. */
  private int scan(byte[] a, int base, int size) throws WireFormatException {
    if (getInt(a, base + 1) != size - 1) {
      throw new WireFormatException("invalid DataRow message: length field does not match frame");
    }
    int n = ((a[base + 5] & 0xff) << 8) | (a[base + 6] & 0xff);
    if (n > offsets.length) {
      offsets = new int[n];
      lengths = new int[n];
      replaced = new byte[n][];
    }
    int at = HEADER;
    for (int i = 0; i < n; i++) {
      if (size - at < 4) {
        throw new WireFormatException("invalid DataRow message: truncated");
      }
      int len = getInt(a, base + at);
      at += 4;
      if (len < -1 || len > size - at) {
        throw new WireFormatException("invalid DataRow message: invalid column length " + len);
      }
      offsets[i] = at;
      lengths[i] = len;
      at += Math.max(len, 0);
    }
    if (at != size) {
      throw new WireFormatException("invalid DataRow message: trailing bytes");
    }
    return n;
  }

  /**
   * Writes the rewritten frame into {@code out}: the header, then for each replaced value the
   * untouched stretch before it in one copy, its new length and bytes; then the rest of the frame.
   */
  private void assemble() {
    byte[] a = array;
    array = null; // not kept past the call

    int total = newLength + 1;
    if (out.length < total) {
      out = new byte[Math.max(total, out.length * 2)];
    }
    out[0] = BackendCode.DATA_ROW;
    putInt(out, 1, newLength);
    int o = 5;
    int from = 5; // frame offset of the first byte not yet copied (the column count)
    for (int i = 0; i <= last; i++) {
      byte[] v = replaced[i];
      if (v == null) {
        continue;
      }
      replaced[i] = null;
      int lengthField = offsets[i] - 4;
      int stretch = lengthField - from;
      System.arraycopy(a, base + from, out, o, stretch);
      o += stretch;
      if (v == SQL_NULL) {
        putInt(out, o, -1);
        o += 4;
      } else {
        putInt(out, o, v.length);
        System.arraycopy(v, 0, out, o + 4, v.length);
        o += 4 + v.length;
      }
      from = offsets[i] + lengths[i];
    }
    System.arraycopy(a, base + from, out, o, size - from);
    outLength = o + size - from;
  }

  private static int getInt(byte[] a, int at) {
    return (int) INT.get(a, at);
  }

  private static void putInt(byte[] a, int at, int v) {
    INT.set(a, at, v);
  }
}
