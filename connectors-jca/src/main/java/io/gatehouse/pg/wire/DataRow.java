package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;

/**
 * A parsed DataRow: column values are read-only slices of the frame, {@code null} for SQL NULL. The
 * offsets are validated once, on {@link #parse}.
 */
public final class DataRow implements BackendMessage {
  private final ByteBuffer body;
  private final int[] offsets;
  private final int[] lengths;

  private DataRow(ByteBuffer body, int[] offsets, int[] lengths) {
    this.body = body;
    this.offsets = offsets;
    this.lengths = lengths;
  }

  /** Parses a DataRow body (after type and length). */
  public static DataRow parse(ByteBuffer body) throws WireFormatException {
    WireReader r = new WireReader(body, "DataRow");
    int n = r.count16();
    if (n > r.remaining() / 4) {
      throw r.error("truncated");
    }
    int[] offsets = new int[n];
    int[] lengths = new int[n];
    ByteBuffer b = body.slice();
    int at = 2;
    for (int i = 0; i < n; i++) {
      int len = r.int32();
      at += 4;
      if (len < -1) {
        throw r.error("invalid column length " + len);
      }
      offsets[i] = at;
      lengths[i] = len;
      if (len > 0) {
        r.slice(len);
        at += len;
      }
    }
    r.end();
    return new DataRow(b, offsets, lengths);
  }

  public int columnCount() {
    return offsets.length;
  }

  public boolean isNull(int column) {
    return lengths[column] == -1;
  }

  /** The value bytes of {@code column} (0-based), or {@code null} for SQL NULL. */
  public ByteBuffer value(int column) {
    int len = lengths[column];
    return len == -1 ? null : body.slice(offsets[column], len).asReadOnlyBuffer();
  }

  @Override
  public String toString() {
    return "DataRow[columns=" + offsets.length + ", len=" + body.remaining() + "]";
  }
}
