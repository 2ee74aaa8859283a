package io.gatehouse.ssh.gateway;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** The client's keystrokes or stdin on their way to the target, recorded before they are sent. */
final class RecordedInput extends FilterInputStream {

  private final RecordedOutput.Sink sink;
  private final Utf8Chunks text = new Utf8Chunks();

  RecordedInput(InputStream in, RecordedOutput.Sink sink) {
    super(in);
    this.sink = sink;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int off, int len) throws IOException {
    int n = in.read(bytes, off, len);
    if (n > 0) {
      String decoded = text.decode(bytes, off, n);
      if (!decoded.isEmpty()) {
        sink.record(decoded);
      }
    }
    return n;
  }
}
