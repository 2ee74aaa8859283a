package io.gatehouse.pg.proxy;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A buffered output to the target that syncs the session's recording before any buffered byte
 * leaves: whatever was recorded about the messages in the buffer (statements, bind parameters) is
 * durable in the spool before the target sees them, however the buffer is emptied (a flush, or a
 * message too large to hold). Several events recorded between two flushes share one spool write.
 * Not thread-safe: the frontend pump's alone.
 */
final class SyncedOutput extends OutputStream {

  /** What must happen before bytes are sent. */
  @FunctionalInterface
  interface BeforeSend {
    void run() throws IOException;
  }

  private final OutputStream out;
  private final BeforeSend beforeSend;
  private final byte[] buffer;
  private int count;

  SyncedOutput(OutputStream out, int size, BeforeSend beforeSend) {
    this.out = out;
    this.beforeSend = beforeSend;
    this.buffer = new byte[size];
  }

  @Override
  public void write(int b) throws IOException {
    if (count == buffer.length) {
      drain();
    }
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    if (length >= buffer.length) {
      drain();
      beforeSend.run();
      out.write(bytes, offset, length);
      return;
    }
    if (length > buffer.length - count) {
      drain();
    }
    System.arraycopy(bytes, offset, buffer, count, length);
    count += length;
  }

  @Override
  public void flush() throws IOException {
    drain();
    out.flush();
  }

  private void drain() throws IOException {
    if (count > 0) {
      beforeSend.run();
      out.write(buffer, 0, count);
      count = 0;
    }
  }
}
