package io.gatehouse.web.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Sends hand-written HTTP/1.1 requests, for the shapes an HTTP client library will not send. */
final class RawHttp {

  private RawHttp() {}

  /** Writes {@code head} (and {@code body}), returns what came back within the bound. */
  static String exchange(int port, String head, String body, int readTimeoutMillis)
      throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(readTimeoutMillis);
      socket
          .getOutputStream()
          .write(head.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        socket.getOutputStream().write(body.getBytes(StandardCharsets.ISO_8859_1));
      }
      socket.getOutputStream().flush();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          got.write(buffer, 0, n);
          if (got.toString(StandardCharsets.ISO_8859_1).contains("\r\n0\r\n\r\n")) {
            break;
          }
        }
      } catch (SocketTimeoutException e) {
        // what arrived so far is the answer
      }
      return got.toString(StandardCharsets.ISO_8859_1);
    }
  }

  static int status(String response) {
    return response.length() < 12 ? -1 : Integer.parseInt(response.substring(9, 12));
  }
}
