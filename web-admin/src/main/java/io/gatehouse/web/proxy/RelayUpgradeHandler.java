package io.gatehouse.web.proxy;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Takes over the caller's connection after the servlet answered 101 and joins it to the {@link
 * ByteRelay} that already holds the target's switched connection. The caller's side is read
 * non-blocking (a {@link ReadListener}: containers such as Jetty give upgraded connections no
 * blocking reads); each chunk is written to the target before more is read.
 */
public class RelayUpgradeHandler implements HttpUpgradeHandler {

  private volatile ByteRelay relay;

  void relayTo(ByteRelay relay) {
    this.relay = relay;
  }

  @Override
  public void init(WebConnection connection) {
    ByteRelay r = relay;
    try {
      ServletInputStream in = connection.getInputStream();
      r.startFromTarget(connection.getOutputStream(), connection::close);
      in.setReadListener(new CallerReader(in, r.toTarget(), r));
    } catch (IOException e) {
      r.close();
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void destroy() {
    ByteRelay r = relay;
    if (r != null) {
      r.close();
    }
  }

  private static final class CallerReader implements ReadListener {
    private final ServletInputStream in;
    private final OutputStream toTarget;
    private final ByteRelay relay;
    private final byte[] buffer = new byte[16 * 1024];

    CallerReader(ServletInputStream in, OutputStream toTarget, ByteRelay relay) {
      this.in = in;
      this.toTarget = toTarget;
      this.relay = relay;
    }

    @Override
    public void onDataAvailable() throws IOException {
      while (in.isReady()) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        toTarget.write(buffer, 0, n);
        toTarget.flush();
      }
    }

    @Override
    public void onAllDataRead() {
      relay.close();
    }

    @Override
    public void onError(Throwable t) {
      relay.close();
    }
  }
}
