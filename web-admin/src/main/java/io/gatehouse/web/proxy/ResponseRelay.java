package io.gatehouse.web.proxy;

import io.gatehouse.http.json.JsonMaskPlan;
import io.gatehouse.http.json.JsonResponseMasker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.util.Locale;

/**
 * Copies a target's response body to the caller: through the JSON masker when there is something to
 * mask and the body is JSON (document by document for streams), byte for byte otherwise, with a
 * flush after every read so streamed bodies (watch, {@code logs -f}) reach the caller at once.
 */
final class ResponseRelay {

  private final JsonResponseMasker masker;

  ResponseRelay(int maxEventBytes) {
    this.masker = new JsonResponseMasker(maxEventBytes);
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

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[16 * 1024];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      out.flush();
    }
  }
}
