package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Encodes the messages the gateway sends to a backend as its client. Each returns a frame. */
public final class FrontendEncoder {
  private FrontendEncoder() {}

  /** StartupMessage, protocol 3.0, parameters in iteration order. */
  public static byte[] startupMessage(Map<String, String> parameters) {
    WireWriter w = WireWriter.startupPacket().int32(FrontendCode.PROTOCOL_3_0);
    parameters.forEach((k, v) -> w.cstring(k).cstring(v));
    byte[] frame = w.int8(0).toByteArray();
    if (frame.length > StartupDecoder.MAX_LENGTH) {
      throw new IllegalArgumentException("startup packet longer than " + StartupDecoder.MAX_LENGTH);
    }
    return frame;
  }

  public static byte[] sslRequest() {
    return WireWriter.startupPacket().int32(FrontendCode.SSL_REQUEST).toByteArray();
  }

  public static byte[] gssEncRequest() {
    return WireWriter.startupPacket().int32(FrontendCode.GSSENC_REQUEST).toByteArray();
  }

  public static byte[] cancelRequest(int processId, int secretKey) {
    return WireWriter.startupPacket()
        .int32(FrontendCode.CANCEL_REQUEST)
        .int32(processId)
        .int32(secretKey)
        .toByteArray();
  }

  public static byte[] passwordMessage(String password) {
    return WireWriter.message(FrontendCode.PASSWORD).cstring(password).toByteArray();
  }

  /** SASLInitialResponse; {@code data} {@code null} is sent as length -1. */
  public static byte[] saslInitialResponse(String mechanism, byte[] data) {
    WireWriter w = WireWriter.message(FrontendCode.PASSWORD).cstring(mechanism);
    return (data == null ? w.int32(-1) : w.int32(data.length).bytes(data)).toByteArray();
  }

  public static byte[] saslResponse(byte[] data) {
    return WireWriter.message(FrontendCode.PASSWORD).bytes(data).toByteArray();
  }

  public static byte[] query(String sql) {
    return WireWriter.message(FrontendCode.QUERY).cstring(sql).toByteArray();
  }

  public static byte[] parse(String statement, String query, List<Integer> parameterTypes) {
    WireWriter w = WireWriter.message(FrontendCode.PARSE).cstring(statement).cstring(query);
    w.int16(parameterTypes.size());
    parameterTypes.forEach(w::int32);
    return w.toByteArray();
  }

  /** Bind; a {@code null} value is SQL NULL. */
  public static byte[] bind(
      String portal,
      String statement,
      List<Integer> parameterFormats,
      List<ByteBuffer> values,
      List<Integer> resultFormats) {
    WireWriter w = WireWriter.message(FrontendCode.BIND).cstring(portal).cstring(statement);
    w.int16(parameterFormats.size());
    parameterFormats.forEach(w::int16);
    w.int16(values.size());
    for (ByteBuffer v : values) {
      if (v == null) {
        w.int32(-1);
      } else {
        w.int32(v.remaining()).bytes(v);
      }
    }
    w.int16(resultFormats.size());
    resultFormats.forEach(w::int16);
    return w.toByteArray();
  }

  public static byte[] describe(byte kind, String name) {
    return WireWriter.message(FrontendCode.DESCRIBE).int8(kind).cstring(name).toByteArray();
  }

  public static byte[] close(byte kind, String name) {
    return WireWriter.message(FrontendCode.CLOSE).int8(kind).cstring(name).toByteArray();
  }

  public static byte[] execute(String portal, int maxRows) {
    return WireWriter.message(FrontendCode.EXECUTE).cstring(portal).int32(maxRows).toByteArray();
  }

  public static byte[] sync() {
    return WireWriter.message(FrontendCode.SYNC).toByteArray();
  }

  public static byte[] flush() {
    return WireWriter.message(FrontendCode.FLUSH).toByteArray();
  }

  public static byte[] terminate() {
    return WireWriter.message(FrontendCode.TERMINATE).toByteArray();
  }

  public static byte[] copyData(byte[] data) {
    return WireWriter.message(FrontendCode.COPY_DATA).bytes(data).toByteArray();
  }

  public static byte[] copyDone() {
    return WireWriter.message(FrontendCode.COPY_DONE).toByteArray();
  }

  public static byte[] copyFail(String message) {
    return WireWriter.message(FrontendCode.COPY_FAIL).cstring(message).toByteArray();
  }
}
