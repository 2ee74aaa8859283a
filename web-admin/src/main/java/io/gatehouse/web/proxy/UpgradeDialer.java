package io.gatehouse.web.proxy;

import io.gatehouse.http.HeaderList;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens a protocol-switching request (WebSocket, SPDY) to a target over a plain socket, because
 * {@code java.net.http} neither sends {@code Upgrade} nor hands out the raw connection. TLS as the
 * connection's {@code tls.mode} says ({@link TargetTls}).
 */
final class UpgradeDialer {

  private static final int MAX_HEAD_BYTES = 64 * 1024;

  /** The target's answer; on 101 the socket carries the switched protocol from here on. */
  record Answer(int status, HeaderList headers, Socket socket, InputStream in) {}

  private final Duration connectTimeout;
  private final Duration answerTimeout;

  UpgradeDialer(Duration connectTimeout, Duration answerTimeout) {
    this.connectTimeout = connectTimeout;
    this.answerTimeout = answerTimeout;
  }

  Answer dial(ProxyTarget target, String method, String pathAndQuery, HeaderList headers)
      throws IOException {
    URI base = target.baseUri();
    boolean tls = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    Socket socket = open(base.getHost(), port, tls, target);
    try {
      socket.setSoTimeout((int) answerTimeout.toMillis());
      OutputStream out = socket.getOutputStream();
      StringBuilder head = new StringBuilder();
      String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
      head.append(method).append(' ').append(basePath).append(pathAndQuery).append(" HTTP/1.1\r\n");
      head.append("Host: ").append(base.getHost()).append(':').append(port).append("\r\n");
      for (HeaderList.Field f : headers.fields()) {
        head.append(f.name()).append(": ").append(f.value()).append("\r\n");
      }
      head.append("\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      Answer answer = readAnswer(socket, in);
      socket.setSoTimeout(0);
      return answer;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private Socket open(String host, int port, boolean tls, ProxyTarget target) throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
    if (!tls) {
      return plain;
    }
    try {
      SSLContext context = TargetTls.context(target);
      SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
      SSLParameters params = ssl.getSSLParameters();
      if (TargetTls.Mode.of(target.tlsMode()) == TargetTls.Mode.VERIFY_FULL) {
        params.setEndpointIdentificationAlgorithm("HTTPS");
      }
      params.setApplicationProtocols(new String[] {"http/1.1"});
      ssl.setSSLParameters(params);
      ssl.startHandshake();
      return ssl;
    } catch (GeneralSecurityException e) {
      plain.close();
      throw new IOException("cannot set up TLS for the target: " + e.getMessage(), e);
    }
  }

  private static Answer readAnswer(Socket socket, InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (last4 != 0x0D0A0D0A) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the target closed the connection before answering");
      }
      head.write(b);
      if (head.size() > MAX_HEAD_BYTES) {
        throw new IOException("the target's answer head is too large");
      }
      last4 = (last4 << 8) | b;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
      throw new IOException("the target did not answer HTTP/1.1");
    }
    HeaderList headers = new HeaderList();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.add(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
      }
    }
    try {
      return new Answer(Integer.parseInt(statusLine[1]), headers, socket, in);
    } catch (NumberFormatException e) {
      throw new IOException("the target's status line is malformed", e);
    }
  }
}
