package io.gatehouse.ssh.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies one direction of a channel with a single bounded buffer. Both ends are MINA channel
 * streams: reading releases window to the sender only as bytes are taken, and writing blocks while
 * the receiver's window is exhausted, so nothing accumulates here. Output is flushed whenever no
 * more input is waiting (interactive bytes go at once; a bulk transfer goes in full packets).
 */
final class StreamPump {

  private StreamPump() {}

  /** Copies until EOF; optionally closes {@code out} (sending EOF) at the end. */
  static long copy(InputStream in, OutputStream out, int bufferSize, boolean closeOutAtEof)
      throws IOException {
    byte[] buffer = new byte[bufferSize];
    long total = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (n > 0) {
        out.write(buffer, 0, n);
        total += n;
        // More already waiting: let the channel stream fill whole packets; else send now.
        if (in.available() <= 0) {
          out.flush();
        }
      }
    }
    if (closeOutAtEof) {
      out.close();
    }
    return total;
  }
}
