package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.List;

/**
 * Typed messages a client sends after startup; parse with {@link FrontendMessages#parse}. Byte
 * payloads are read-only slices of the frame. Nothing here prints a password in {@code toString}.
 */
public sealed interface FrontendMessage {

  /** Simple query; may hold several statements. */
  record Query(String sql) implements FrontendMessage {}

  /** Extended query: prepare {@code query} as {@code statement} ("" = unnamed). */
  record Parse(String statement, String query, List<Integer> parameterTypes)
      implements FrontendMessage {
    public Parse {
      parameterTypes = List.copyOf(parameterTypes);
    }
  }

  /**
   * Extended query: bind parameters to {@code statement} into {@code portal}. A {@code null} entry
   * in {@code values} is SQL NULL (length -1 on the wire).
   */
  record Bind(
      String portal,
      String statement,
      List<Integer> parameterFormats,
      List<ByteBuffer> values,
      List<Integer> resultFormats)
      implements FrontendMessage {
    public Bind {
      parameterFormats = List.copyOf(parameterFormats);
      values = Collections.unmodifiableList(new java.util.ArrayList<>(values));
      resultFormats = List.copyOf(resultFormats);
    }
  }

  /** Describe a prepared statement ({@code kind} 'S') or a portal ('P'). */
  record Describe(byte kind, String name) implements FrontendMessage {}

  /** Close a prepared statement ({@code kind} 'S') or a portal ('P'). */
  record Close(byte kind, String name) implements FrontendMessage {}

  /** Run a portal; {@code maxRows} 0 means no limit. */
  record Execute(String portal, int maxRows) implements FrontendMessage {}

  record Sync() implements FrontendMessage {}

  record Flush() implements FrontendMessage {}

  record Terminate() implements FrontendMessage {}

  /** Fast-path function call; the arguments are kept raw. */
  record FunctionCall(int functionOid, ByteBuffer arguments) implements FrontendMessage {}

  /**
   * A 'p' message: its meaning depends on the authentication exchange in progress, so read it with
   * {@link #asPassword}, {@link #asSaslInitialResponse} or {@link #asSaslResponse}.
   */
  record AuthenticationResponse(ByteBuffer body) implements FrontendMessage {
    public PasswordMessage asPassword() throws WireFormatException {
      WireReader r = new WireReader(body, "PasswordMessage");
      PasswordMessage m = new PasswordMessage(r.cstring());
      r.end();
      return m;
    }

    public SaslInitialResponse asSaslInitialResponse() throws WireFormatException {
      WireReader r = new WireReader(body, "SASLInitialResponse");
      String mechanism = r.cstring();
      int n = r.int32();
      ByteBuffer data = n == -1 ? null : r.slice(n);
      r.end();
      return new SaslInitialResponse(mechanism, data);
    }

    public SaslResponse asSaslResponse() {
      return new SaslResponse(new WireReader(body, "SASLResponse").rest());
    }

    @Override
    public String toString() {
      return "AuthenticationResponse[len=" + body.remaining() + "]";
    }
  }

  /** Cleartext password (or access token); never printed. */
  record PasswordMessage(String password) {
    @Override
    public String toString() {
      return "PasswordMessage[***]";
    }
  }

  /** First SASL message; {@code data} is {@code null} when the client sent none (-1). */
  record SaslInitialResponse(String mechanism, ByteBuffer data) {
    @Override
    public String toString() {
      return "SaslInitialResponse[" + mechanism + "]";
    }
  }

  record SaslResponse(ByteBuffer data) {
    @Override
    public String toString() {
      return "SaslResponse[len=" + data.remaining() + "]";
    }
  }

  /** COPY payload, in either direction. */
  record CopyData(ByteBuffer data) implements FrontendMessage, BackendMessage {}

  record CopyDone() implements FrontendMessage, BackendMessage {}

  /** Client aborts COPY FROM STDIN with this error message. */
  record CopyFail(String message) implements FrontendMessage {}
}
