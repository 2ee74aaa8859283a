package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The masking hot path: rewrites selected columns of DataRow frames. A row whose selected values
 * all come back unchanged is returned as the same buffer, so the only per-row work is scanning the
 * column offsets (into reused scratch arrays). NULLs are never passed to the function and stay
 * NULL. Not thread-safe: one instance per session.
 */
public final class DataRowRewriter {

  /** Rewrites one value; returns {@code null} to keep it unchanged (no allocation). */
  @FunctionalInterface
  public interface ValueRewriter {
    byte[] rewrite(int column, ByteBuffer value);
  }

  /**
   * Rewrites one value in place in the frame's array: {@code array[offset, offset + length)};
   * returns {@code null} to keep it unchanged. Must not modify the array.
   */
  @FunctionalInterface
  public interface RegionRewriter {
    byte[] rewrite(int column, byte[] array, int offset, int length);
  }

  private final boolean[] selected;
  private final RegionRewriter rewriter;
  private int[] offsets = new int[16];
  private int[] lengths = new int[16];
  private byte[][] replaced = new byte[16][];

  /** {@code columns}: 0-based indexes to pass to {@code rewriter}; others are copied untouched. */
  public DataRowRewriter(int[] columns, ValueRewriter rewriter) {
    this(
        columns,
        (RegionRewriter)
            (column, array, offset, length) ->
                rewriter.rewrite(
                    column, ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer()));
  }

  /** As above, the values seen where they lie in the frame's array (no slice per value). */
  public DataRowRewriter(int[] columns, RegionRewriter rewriter) {
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
        (column, value) -> {
          byte[] in = new byte[value.remaining()];
          value.get(in);
          byte[] out = function.apply(in);
          return out == null || Arrays.equals(in, out) ? null : out;
        });
  }

  /**
   * {@code frame}: a whole DataRow frame (type, length, body) from position to limit. Returns
   * {@code frame} itself if nothing changed, else a new heap buffer holding the rewritten frame.
   */
  public ByteBuffer rewrite(ByteBuffer frame) throws WireFormatException {
    if (frame.remaining() < 7 || frame.get(frame.position()) != BackendCode.DATA_ROW) {
      throw new WireFormatException("invalid DataRow message: not a DataRow frame");
    }
    ByteBuffer f = frame.slice();
    if (!f.hasArray()) {
      f = ByteBuffer.allocate(f.remaining()).put(f.duplicate()).flip();
    }
    byte[] array = f.array();
    int base = f.arrayOffset();
    int n = scan(f);
    boolean changed = false;
    int newLength = f.getInt(1);
    for (int i = 0; i < Math.min(n, selected.length); i++) {
      replaced[i] = null;
      if (selected[i] && lengths[i] >= 0) {
        byte[] v = rewriter.rewrite(i, array, base + offsets[i], lengths[i]);
        if (v != null) {
          replaced[i] = v;
          newLength += v.length - lengths[i];
          changed = true;
        }
      }
    }
    return changed ? assemble(f, n, newLength) : frame;
  }

  /** Fills offsets/lengths from the frame; returns the column count. */
  private int scan(ByteBuffer f) throws WireFormatException {
    int declared = f.getInt(1);
    if (declared != f.remaining() - 1) {
      throw new WireFormatException("invalid DataRow message: length field does not match frame");
    }
    int n = f.getShort(5) & 0xffff;
    if (n > offsets.length) {
      offsets = new int[n];
      lengths = new int[n];
      replaced = new byte[n][];
    }
    int at = 7;
    for (int i = 0; i < n; i++) {
      if (f.limit() - at < 4) {
        throw new WireFormatException("invalid DataRow message: truncated");
      }
      int len = f.getInt(at);
      at += 4;
      if (len < -1 || len > f.limit() - at) {
        throw new WireFormatException("invalid DataRow message: invalid column length " + len);
      }
      offsets[i] = at;
      lengths[i] = len;
      at += Math.max(len, 0);
    }
    if (at != f.limit()) {
      throw new WireFormatException("invalid DataRow message: trailing bytes");
    }
    return n;
  }

  private ByteBuffer assemble(ByteBuffer f, int n, int newLength) {
    ByteBuffer out = ByteBuffer.allocate(newLength + 1);
    out.put(BackendCode.DATA_ROW).putInt(newLength).putShort((short) n);
    for (int i = 0; i < n; i++) {
      byte[] v = i < selected.length ? replaced[i] : null;
      if (v != null) {
        out.putInt(v.length).put(v);
        replaced[i] = null;
      } else {
        out.putInt(lengths[i]);
        if (lengths[i] > 0) {
          out.put(f.slice(offsets[i], lengths[i]));
        }
      }
    }
    return out.flip();
  }
}
