package io.gatehouse.pg.proxy;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * The client socket's output, shared by both pumps: whole frames only, under one lock, buffered so
 * a stream of rows leaves in large writes; the backend pump flushes when it has nothing more to
 * read.
 */
final class ClientOutput {

  private final BufferedOutputStream out;

  ClientOutput(OutputStream socketOutput) {
    this.out = new BufferedOutputStream(socketOutput, 64 * 1024);
  }

  synchronized void write(byte[] frame) throws IOException {
    out.write(frame);
  }

  synchronized void write(ByteBuffer frame) throws IOException {
    if (frame.hasArray()) {
      out.write(frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
    } else {
      byte[] copy = new byte[frame.remaining()];
      frame.duplicate().get(copy);
      out.write(copy);
    }
  }

  synchronized void write(io.gatehouse.pg.wire.Frame frame) throws IOException {
    frame.writeTo(out);
  }

  synchronized void flush() throws IOException {
    out.flush();
  }

  /** Writes and flushes, for messages the client must see now (errors, notices). */
  synchronized void send(byte[] frame) throws IOException {
    out.write(frame);
    out.flush();
  }
}
