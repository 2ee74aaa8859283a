package io.gatehouse.http.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Cuts a byte stream of concatenated JSON documents (a Kubernetes watch: one event object per line,
 * in chunks of any size) into whole documents, tracking only nesting depth and string state. Memory
 * is bounded by the largest single document, which is capped.
 */
final class JsonDocumentSplitter {

  private final int maxDocumentBytes;
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();
  private int depth;
  private boolean inString;
  private boolean escaped;

  JsonDocumentSplitter(int maxDocumentBytes) {
    this.maxDocumentBytes = maxDocumentBytes;
  }

  /** Reads to the end of {@code in}, handing each complete document to {@code sink}. */
  void split(InputStream in, Consumer<byte[]> sink) throws IOException {
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      for (int i = 0; i < n; i++) {
        accept(buffer[i], sink);
      }
    }
    if (depth != 0 || inString) {
      throw new IOException("stream ended inside a JSON document");
    }
  }

  private void accept(byte b, Consumer<byte[]> sink) throws IOException {
    if (depth == 0 && !inString && (b == ' ' || b == '\n' || b == '\r' || b == '\t')) {
      return;
    }
    if (depth == 0 && b != '{' && b != '[') {
      throw new IOException("a watch stream carries JSON objects only");
    }
    current.write(b);
    if (current.size() > maxDocumentBytes) {
      throw new IOException("JSON document larger than " + maxDocumentBytes + " bytes");
    }
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (b == '\\') {
        escaped = true;
      } else if (b == '"') {
        inString = false;
      }
      return;
    }
    switch (b) {
      case '"' -> inString = true;
      case '{', '[' -> depth++;
      case '}', ']' -> {
        if (--depth == 0) {
          sink.accept(current.toByteArray());
          current.reset();
        }
      }
      default -> {}
    }
  }
}
