package it.io.gatehouse.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal Kubernetes API server for {@code kubectl exec}, written for the test because the
 * fabric8 stand-in does not negotiate the exec subprotocols: plain HTTP/1.1 on loopback, one
 * request per connection. It serves the legacy discovery documents, {@code GET} of any pod (a
 * running pod with one container {@code app}), and {@code …/pods/{name}/exec} over a WebSocket
 * speaking {@code v5.channel.k8s.io} or {@code v4.channel.k8s.io} (the first the client offers):
 *
 * <ul>
 *   <li>{@code cat}: copies stdin (channel 0) to stdout (channel 1) until stdin closes (v5 close
 *       signal on channel 255, or a WebSocket close);
 *   <li>anything else: writes the command line, then {@code card 4111 1111 1111 1111}, to stdout.
 * </ul>
 *
 * Then the exit status on channel 3 and a close frame. {@code …/pods/{name}/attach} is served the
 * same way, its output saying which container it is attached to (then the card line). Not covered:
 * port-forward, SPDY, TTY resize semantics, exit codes other than 0, TLS.
 */
final class ExecStandIn implements AutoCloseable {

  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket server;
  final List<String> seen = new CopyOnWriteArrayList<>();

  ExecStandIn() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "exec-stand-in");
    accept.setDaemon(true);
    accept.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/";
  }

  @Override
  public void close() throws IOException {
    server.close();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "exec-stand-in-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      String[] head = readHead(in).split("\r\n");
      String[] line = head[0].split(" ");
      Map<String, String> headers = new HashMap<>();
      for (int i = 1; i < head.length; i++) {
        int colon = head[i].indexOf(':');
        if (colon > 0) {
          headers.put(
              head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
              head[i].substring(colon + 1).trim());
        }
      }
      String target = line[1];
      String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
      String query = target.contains("?") ? target.substring(target.indexOf('?') + 1) : "";
      seen.add(line[0] + " " + path + " auth=" + headers.get("authorization"));
      if ("websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", ""))
          && path.endsWith("/exec")) {
        exec(in, out, headers, params(query, "command"));
      } else if ("websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", ""))
          && path.endsWith("/attach")) {
        // Attach speaks the same channel protocol; the "process" says what it is attached to.
        exec(
            in,
            out,
            headers,
            List.of("attached", "to", String.join(",", params(query, "container"))));
      } else if (path.matches("/api/v1/namespaces/[^/]+/pods/[^/]+")) {
        String[] p = path.split("/");
        json(out, pod(p[4], p[6]));
      } else if (path.equals("/api")) {
        json(out, ApiServerStandIn.API);
      } else if (path.equals("/apis")) {
        json(out, ApiServerStandIn.APIS);
      } else if (path.equals("/api/v1")) {
        json(out, ApiServerStandIn.V1);
      } else {
        respond(out, "404 Not Found", "{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":404}");
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private void exec(InputStream in, OutputStream out, Map<String, String> headers, List<String> cmd)
      throws IOException {
    List<String> offered = new ArrayList<>();
    for (String p : headers.getOrDefault("sec-websocket-protocol", "").split(",")) {
      offered.add(p.trim());
    }
    String protocol =
        offered.contains("v5.channel.k8s.io")
            ? "v5.channel.k8s.io"
            : offered.contains("v4.channel.k8s.io") ? "v4.channel.k8s.io" : null;
    if (protocol == null) {
      respond(out, "400 Bad Request", "{\"kind\":\"Status\",\"status\":\"Failure\",\"code\":400}");
      return;
    }
    String accept = accept(headers.get("sec-websocket-key"));
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept
                + "\r\nSec-WebSocket-Protocol: "
                + protocol
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    seen.add("exec " + protocol + " " + String.join(" ", cmd));
    if (!cmd.isEmpty() && cmd.get(0).equals("cat")) {
      while (true) {
        byte[] frame = readFrame(in);
        if (frame == null || frame.length == 0) {
          break;
        }
        int channel = frame[0] & 0xff;
        if (channel == 255) {
          break;
        }
        if (channel == 0) {
          frame[0] = 1;
          send(out, frame);
        }
      }
    } else {
      send(out, channel(1, String.join(" ", cmd) + "\n"));
      send(out, channel(1, "card 4111 1111 1111 1111\n"));
    }
    send(out, channel(3, "{\"metadata\":{},\"status\":\"Success\"}"));
    out.write(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xe8});
    out.flush();
  }

  private static byte[] channel(int channel, String text) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    byte[] p = new byte[t.length + 1];
    p[0] = (byte) channel;
    System.arraycopy(t, 0, p, 1, t.length);
    return p;
  }

  /** A binary frame, unmasked (server to client). */
  private static void send(OutputStream out, byte[] payload) throws IOException {
    out.write(0x82);
    if (payload.length < 126) {
      out.write(payload.length);
    } else {
      out.write(126);
      out.write(payload.length >>> 8);
      out.write(payload.length);
    }
    out.write(payload);
    out.flush();
  }

  /** The next data frame's payload (unmasked); null at a close frame or the end. */
  private static byte[] readFrame(InputStream in) throws IOException {
    while (true) {
      int b0 = in.read();
      int b1 = in.read();
      if (b0 < 0 || b1 < 0) {
        return null;
      }
      long length = b1 & 0x7f;
      if (length == 126) {
        length = (in.read() << 8) | in.read();
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | in.read();
        }
      }
      byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
      byte[] payload = in.readNBytes((int) length);
      if (mask != null) {
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
      }
      int opcode = b0 & 0x0f;
      if (opcode == 0x8) {
        return null;
      }
      if (opcode == 0x1 || opcode == 0x2) {
        return payload;
      }
    }
  }

  private static String accept(String key) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-1")
                  .digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> params(String query, String name) {
    List<String> values = new ArrayList<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static String pod(String namespace, String name) {
    return ("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"%s\","
            + "\"namespace\":\"%s\",\"uid\":\"u-%s\"},\"spec\":{\"containers\":"
            + "[{\"name\":\"app\",\"image\":\"busybox\"}]},\"status\":{\"phase\":\"Running\","
            + "\"containerStatuses\":[{\"name\":\"app\",\"ready\":true,\"image\":\"busybox\","
            + "\"imageID\":\"\",\"restartCount\":0,\"started\":true,"
            + "\"state\":{\"running\":{}}}]}}")
        .formatted(name, namespace, name);
  }

  private static void json(OutputStream out, String body) throws IOException {
    respond(out, "200 OK", body);
  }

  private static void respond(OutputStream out, String status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    out.write(
        ("HTTP/1.1 "
                + status
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + b.length
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.write(b);
    out.flush();
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before the request head ended");
      }
      head.write(b);
      last4 = (last4 << 8) | b;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
