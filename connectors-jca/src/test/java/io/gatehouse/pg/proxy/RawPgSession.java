package io.gatehouse.pg.proxy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client on a raw socket, for sending what no driver would: logs in to the listener with the
 * harness's token, then writes any bytes and reads the gateway's messages one by one.
 */
final class RawPgSession implements AutoCloseable {

  /** One message from the gateway: its type and body. */
  record Message(char type, byte[] body) {
    /** The fields of an ErrorResponse or NoticeResponse, by code. */
    Map<Character, String> fields() {
      Map<Character, String> fields = new LinkedHashMap<>();
      int i = 0;
      while (i < body.length && body[i] != 0) {
        int end = i + 1;
        while (body[end] != 0) {
          end++;
        }
        fields.put((char) body[i], new String(body, i + 1, end - i - 1, StandardCharsets.UTF_8));
        i = end + 1;
      }
      return fields;
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;

  private RawPgSession(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 65536));
    this.out = new DataOutputStream(socket.getOutputStream());
  }

  /** A session logged in to {@code port} and ready for a query. */
  static RawPgSession login(int port) throws IOException {
    RawPgSession session = new RawPgSession(new Socket("127.0.0.1", port));
    session.socket.setSoTimeout(10_000);
    session.startup();
    return session;
  }

  private void startup() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(body);
    d.writeInt(196608);
    for (String s : new String[] {"user", "alice", "database", "orders"}) {
      d.write(s.getBytes(StandardCharsets.UTF_8));
      d.write(0);
    }
    d.write(0);
    out.writeInt(body.size() + 4);
    out.write(body.toByteArray());
    out.flush();
    while (true) {
      Message m = read();
      if (m == null) {
        throw new EOFException("the gateway closed the connection during login");
      }
      if (m.type() == 'R' && m.body().length >= 4 && m.body()[3] == 3) {
        send(typed('p', (ProxyHarness.GOOD_TOKEN + "\0").getBytes(StandardCharsets.UTF_8)));
      } else if (m.type() == 'E') {
        throw new IOException("login refused: " + m.fields());
      } else if (m.type() == 'Z') {
        return;
      }
    }
  }

  /** A typed frame with a correct length around {@code body}. */
  static byte[] typed(char type, byte[] body) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(frame);
    try {
      d.write(type);
      d.writeInt(body.length + 4);
      d.write(body);
    } catch (IOException impossible) {
      throw new IllegalStateException(impossible);
    }
    return frame.toByteArray();
  }

  void send(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Ends what this client sends; the gateway reads end of stream. */
  void shutdownOutput() throws IOException {
    socket.shutdownOutput();
  }

  /** The next message, or null once the gateway has closed the connection. */
  Message read() throws IOException {
    int type;
    try {
      type = in.read();
    } catch (SocketException reset) {
      return null; // closed with unread input on its side: a reset, still a close
    }
    if (type < 0) {
      return null;
    }
    byte[] body = new byte[in.readInt() - 4];
    in.readFully(body);
    return new Message((char) type, body);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
