package io.gatehouse.http.json;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Masks JSON response bodies as they stream: {@link #maskDocument} for one document (an object, a
 * list of any length), {@link #maskStream} for a stream of documents (a watch), flushed document by
 * document so each event reaches the caller as soon as it arrives. Thread-safe.
 */
public final class JsonResponseMasker {

  private final JsonParserFactory parsers = Json.createParserFactory(Map.of());
  private final JsonGeneratorFactory generators = Json.createGeneratorFactory(Map.of());
  private final int maxEventBytes;

  /**
   * @param maxEventBytes the largest single watch event accepted, in bytes
   */
  public JsonResponseMasker(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * Copies one JSON document from {@code in} to {@code out}, masked. Does not close {@code out}.
   *
   * @throws IOException on I/O failure or malformed JSON (the output is then incomplete)
   */
  public void maskDocument(InputStream in, OutputStream out, JsonMaskPlan plan) throws IOException {
    try (JsonParser parser = parsers.createParser(in);
        JsonGenerator generator = generators.createGenerator(unclosable(out))) {
      new MaskingJsonRewriter(plan).rewrite(parser, generator);
      generator.flush();
    } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
      throw new IOException("response is not well-formed JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Copies a stream of JSON documents (newline-delimited or simply concatenated), each masked and
   * followed by a newline, flushing after each one.
   */
  public void maskStream(InputStream in, OutputStream out, JsonMaskPlan plan) throws IOException {
    try {
      new JsonDocumentSplitter(maxEventBytes)
          .split(
              in,
              document -> {
                try {
                  maskDocument(new ByteArrayInputStream(document), out, plan);
                  out.write('\n');
                  out.flush();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static OutputStream unclosable(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
