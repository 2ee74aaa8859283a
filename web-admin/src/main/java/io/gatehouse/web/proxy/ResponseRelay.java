package io.gatehouse.web.proxy;

import io.gatehouse.http.json.JsonMaskPlan;
import io.gatehouse.http.json.JsonResponseMasker;
import io.gatehouse.http.json.ValueMasker;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Copies a target's response body to the caller: through the JSON masker when there is something to
 * mask and the body is JSON (document by document for streams), byte for byte otherwise, with a
 * flush after every read so streamed bodies (watch, {@code logs -f}) reach the caller at once.
 */
final class ResponseRelay {

  private final JsonResponseMasker masker;
  private final int maxLineBytes;

  ResponseRelay(int maxEventBytes) {
    this.masker = new JsonResponseMasker(maxEventBytes);
    this.maxLineBytes = maxEventBytes;
  }

  static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.equals("application/json")
        || type.endsWith("+json")
        || type.equals("application/x-ndjson")
        || type.equals("application/json-seq");
  }

  /** Text that detectors can scan line by line ({@code kubectl logs} is {@code text/plain}). */
  static boolean isText(String contentType) {
    return contentType != null
        && contentType.trim().toLowerCase(Locale.ROOT).startsWith("text/")
        && !contentType.toLowerCase(Locale.ROOT).contains("event-stream");
  }

  /** Whether the body is a stream of JSON documents rather than one. */
  static boolean isStream(String contentType, boolean watch) {
    if (watch) {
      return true;
    }
    String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    return ct.contains("stream=watch") || ct.startsWith("application/x-ndjson");
  }

  void relay(InputStream in, OutputStream out, JsonMaskPlan plan, boolean json, boolean stream)
      throws IOException {
    if (plan.isEmpty() || !json) {
      copy(in, out);
      return;
    }
    PushbackInputStream body = new PushbackInputStream(in, 1);
    int first = body.read();
    if (first < 0) {
      return; // an empty body (a 404 from some servers) has nothing to mask
    }
    body.unread(first);
    if (stream) {
      masker.maskStream(body, out, plan);
    } else {
      masker.maskDocument(body, out, plan);
      out.flush();
    }
  }

  /**
   * Copies a text body line by line, each line through {@code masker} (the policy's detectors),
   * flushing whenever the target has nothing more ready, so {@code logs -f} still streams. A line
   * longer than the event limit is refused (the relay ends) rather than masked in pieces, where a
   * value could straddle two pieces.
   */
  void relayText(InputStream body, OutputStream out, ValueMasker masker) throws IOException {
    InputStream in = new BufferedInputStream(body, 16 * 1024);
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      line.write(b);
      if (b == '\n') {
        writeMasked(line, out, masker);
        if (in.available() == 0) {
          out.flush();
        }
      } else if (line.size() > maxLineBytes) {
        throw new IOException("a line of the response is too long to mask");
      }
    }
    writeMasked(line, out, masker);
    out.flush();
  }

  private static void writeMasked(ByteArrayOutputStream line, OutputStream out, ValueMasker masker)
      throws IOException {
    if (line.size() > 0) {
      out.write(
          masker.mask(line.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
      line.reset();
    }
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      out.flush();
    }
  }
}
