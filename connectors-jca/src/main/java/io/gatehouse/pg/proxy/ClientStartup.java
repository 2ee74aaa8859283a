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
   * (handled) .
   *
   * @throws WireFormatException for anything malformed (the caller sends it as FATAL)
   */
  ClientChannel negotiate(Socket socket) throws IOException {
    Socket current = socket;
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    boolean tls = false;
    boolean gssRefused = false;
    while (true) {
      StartupPacket packet = StartupPackets.parse(readPacket(in));
      if (packet instanceof StartupPacket.SslRequest) {
        if (tls) {
          throw new WireFormatException("SSLRequest received twice");
        }
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
        if (tls || gssRefused) {
          throw new WireFormatException("GSSENCRequest out of order");
        }
        gssRefused = true;
        out.write('N');
        out.flush();
      } else if (packet instanceof StartupPacket.CancelRequest cancel) {
        cancels.cancel(cancel.processId(), cancel.secretKey());
        return null;
      } else {
        StartupPacket.StartupMessage startup = (StartupPacket.StartupMessage) packet;
        if (startup.majorVersion() != PROTOCOL_3) {
          throw new WireFormatException(
              "0A000", "unsupported frontend protocol " + startup.majorVersion() + ".x");
        }
        return new ClientChannel(current, in, out, tls, startup);
      }
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
