package io.gatehouse.pg.proxy;

import io.gatehouse.pg.wire.Frame;
import io.gatehouse.pg.wire.StartupDecoder;
import io.gatehouse.pg.wire.StartupPacket;
import io.gatehouse.pg.wire.StartupPackets;
import io.gatehouse.pg.wire.WireFormatException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The startup phase of a client connection: TLS negotiation (SSLRequest answered 'S' and the
 * handshake done; GSSENCRequest refused with 'N'), CancelRequest routed, and the StartupMessage.
 * Startup packets are read byte-exact from the raw socket, never through a buffer, so bytes a
 * client sends after SSLRequest can only be read as TLS, never as plaintext protocol.
 */
final class ClientStartup {

  /** A client ready to authenticate. */
  record ClientChannel(
      Socket socket,
      InputStream in,
      OutputStream out,
      boolean tls,
      StartupPacket.StartupMessage startup) {}

  private static final int PROTOCOL_3 = 3;

  private final Supplier<SSLContext> tlsSource;
  private final CancelRegistry cancels;

  ClientStartup(Supplier<SSLContext> tls, CancelRegistry cancels) {
    this.tlsSource = tls;
    this.cancels = cancels;
  }

  /**
   * Negotiates until a StartupMessage arrives; returns null when the connection was a CancelRequest
   * (handled).
   *
   * @throws WireFormatException for anything malformed, once it has been sent to the client as a
   *     FATAL ErrorResponse (inside TLS when TLS was negotiated)
   */
  ClientChannel negotiate(Socket socket) throws IOException {
    Socket current = socket;
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    boolean tls = false;
    boolean gssRefused = false;
    while (true) {
      StartupPacket packet;
      try {
        packet = StartupPackets.parse(readPacket(in));
        checkOrder(packet, tls, gssRefused);
      } catch (WireFormatException e) {
        sendQuietly(out, e.toFatalErrorResponse());
        throw e;
      }
      if (packet instanceof StartupPacket.SslRequest) {
        SSLContext tlsContext = tlsSource == null ? null : tlsSource.get();
        if (tlsContext == null) {
          out.write('N');
          out.flush();
          continue;
        }
        out.write('S');
        out.flush();
        current = startTls(tlsContext, socket);
        in = current.getInputStream();
        out = current.getOutputStream();
        tls = true;
      } else if (packet instanceof StartupPacket.GssEncRequest) {
        gssRefused = true;
        out.write('N');
        out.flush();
      } else if (packet instanceof StartupPacket.CancelRequest cancel) {
        cancels.cancel(cancel.processId(), cancel.secretKey());
        return null;
      } else {
        StartupPacket.StartupMessage startup = (StartupPacket.StartupMessage) packet;
        return new ClientChannel(current, in, out, tls, startup);
      }
    }
  }

  /** Refuses a packet that cannot come now: the client is told on its current channel. */
  private static void checkOrder(StartupPacket packet, boolean tls, boolean gssRefused)
      throws WireFormatException {
    if (packet instanceof StartupPacket.SslRequest && tls) {
      throw new WireFormatException("SSLRequest received twice");
    }
    if (packet instanceof StartupPacket.GssEncRequest && (tls || gssRefused)) {
      throw new WireFormatException("GSSENCRequest out of order");
    }
    if (packet instanceof StartupPacket.StartupMessage startup
        && startup.majorVersion() != PROTOCOL_3) {
      throw new WireFormatException(
          "0A000", "unsupported frontend protocol " + startup.majorVersion() + ".x");
    }
  }

  private static void sendQuietly(OutputStream out, byte[] frame) {
    try {
      out.write(frame);
      out.flush();
    } catch (IOException ignored) {
      // The client is gone; nothing more to tell it.
    }
  }

  private static SSLSocket startTls(SSLContext tlsContext, Socket plain) throws IOException {
    SSLSocket secure =
        (SSLSocket)
            tlsContext
                .getSocketFactory()
                .createSocket(
                    plain, plain.getInetAddress().getHostAddress(), plain.getPort(), true);
    secure.setUseClientMode(false);
    secure.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
    secure.startHandshake();
    return secure;
  }

  static Frame readPacket(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    int length = data.readInt();
    if (length < 8 || length > StartupDecoder.MAX_LENGTH) {
      throw new WireFormatException("invalid length of startup packet: " + length);
    }
    byte[] raw = new byte[length];
    ByteBuffer.wrap(raw).putInt(length);
    data.readFully(raw, 4, length - 4);
    return Frame.untyped(ByteBuffer.wrap(raw));
  }
}
