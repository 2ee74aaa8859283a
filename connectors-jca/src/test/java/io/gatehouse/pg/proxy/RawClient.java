package io.gatehouse.pg.proxy;

import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.BackendMessages;
import io.gatehouse.pg.wire.FrameDecoder;
import io.gatehouse.pg.wire.FrontendEncoder;
import io.gatehouse.pg.wire.StreamFrameReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/** A PostgreSQL client on a raw socket, for tests that watch the gateway's exact replies. */
final class RawClient implements AutoCloseable {

  private Socket socket;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
  }

  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  void sendStartup(String database) throws IOException {
    send(FrontendEncoder.startupMessage(Map.of("user", "alice", "database", database)));
  }

  /** One byte, as the answers to SSLRequest and GSSENCRequest are; -1 when the gateway hung up. */
  int readByte() throws IOException {
    return socket.getInputStream().read();
  }

  BackendMessage next() throws IOException {
    return BackendMessages.parse(
        new StreamFrameReader(socket.getInputStream(), FrameDecoder.backend()).read());
  }

  /** Every message up to and including the next ReadyForQuery. */
  List<BackendMessage> untilReady() throws IOException {
    List<BackendMessage> messages = new ArrayList<>();
    BackendMessage message;
    do {
      message = next();
      messages.add(message);
    } while (!(message instanceof BackendMessage.ReadyForQuery));
    return messages;
  }

  /** Starts up on {@code database} with the harness's good token; the messages up to ready. */
  List<BackendMessage> logIn(String database) throws IOException {
    sendStartup(database);
    BackendMessage asked = next();
    if (!(asked instanceof BackendMessage.AuthenticationCleartextPassword)) {
      throw new AssertionError("expected a password request, got " + asked);
    }
    send(FrontendEncoder.passwordMessage(ProxyHarness.GOOD_TOKEN));
    return untilReady();
  }

  /** Whether the gateway has closed the connection (end of stream, or a reset). */
  boolean closedByGateway() {
    try {
      InputStream in = socket.getInputStream();
      return in.read() == -1;
    } catch (IOException reset) {
      return true;
    }
  }

  /** TLS over this socket, as a client of {@code context}. */
  void startTls(SSLContext context) throws IOException {
    SSLSocket secure =
        (SSLSocket)
            context.getSocketFactory().createSocket(socket, "localhost", socket.getPort(), true);
    secure.setUseClientMode(true);
    secure.startHandshake();
    socket = secure;
  }

  boolean tls() {
    return socket instanceof SSLSocket;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
