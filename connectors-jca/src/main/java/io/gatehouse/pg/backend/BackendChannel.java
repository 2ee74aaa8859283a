package io.gatehouse.pg.backend;

import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.BackendMessages;
import io.gatehouse.pg.wire.Frame;
import io.gatehouse.pg.wire.FrameDecoder;
import io.gatehouse.pg.wire.StreamFrameReader;
import io.gatehouse.pg.wire.WireTrace;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;

/** The (possibly TLS) socket to a target with buffered streams and traced frame I/O. */
final class BackendChannel {
  private static final Logger LOG = Logger.getLogger(BackendChannel.class.getName());

  private final Socket socket;
  private final CountingBufferedInputStream in;
  private final OutputStream out;
  private final StreamFrameReader reader;
  private final String label;

  BackendChannel(Socket socket, FrameDecoder limits, String label) throws IOException {
    this.socket = socket;
    this.in = new CountingBufferedInputStream(socket.getInputStream(), 16 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    this.reader = new StreamFrameReader(in, limits);
    this.label = label;
  }

  Socket socket() {
    return socket;
  }

  InputStream in() {
    return in;
  }

  /** Whether a whole read can be served from the buffer, without blocking on the socket. */
  boolean hasBufferedInput() {
    return in.buffered() > 0;
  }

  OutputStream out() {
    return out;
  }

  boolean isTls() {
    return socket instanceof SSLSocket;
  }

  /** Writes and flushes one whole frame. */
  void send(byte[] frame) throws IOException {
    if (frame.length > 0 && frame[0] != 0) {
      WireTrace.frontend(LOG, label, Frame.ofTyped(frame));
    }
    out.write(frame);
    out.flush();
  }

  Frame read() throws IOException {
    Frame f = reader.read();
    WireTrace.backend(LOG, label, f);
    return f;
  }

  BackendMessage receive() throws IOException {
    return BackendMessages.parse(read());
  }
}
