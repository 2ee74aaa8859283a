package io.gatehouse.pg.wire;

import io.gatehouse.pg.wire.BackendMessage.Field;
import java.util.List;
import java.util.Map;

/** Encodes the messages the gateway sends to clients itself. Each call returns a whole frame. */
public final class BackendEncoder {
  private BackendEncoder() {}

  public static byte[] errorResponse(ErrorFields fields) {
    return fields(BackendCode.ERROR_RESPONSE, fields);
  }

  public static byte[] noticeResponse(ErrorFields fields) {
    return fields(BackendCode.NOTICE_RESPONSE, fields);
  }

  /** ErrorResponse with severity, SQLSTATE, message and optional ({@code null}) detail and hint. */
  public static byte[] errorResponse(
      String severity, String sqlState, String message, String detail, String hint) {
    return errorResponse(
        ErrorFields.of(severity, sqlState, message)
            .with(ErrorFields.DETAIL, detail)
            .with(ErrorFields.HINT, hint));
  }

  public static byte[] authenticationOk() {
    return auth(BackendCode.AUTH_OK).toByteArray();
  }

  public static byte[] authenticationCleartextPassword() {
    return auth(BackendCode.AUTH_CLEARTEXT_PASSWORD).toByteArray();
  }

  public static byte[] authenticationMd5Password(byte[] salt) {
    if (salt.length != 4) {
      throw new IllegalArgumentException("MD5 salt must be 4 bytes");
    }
    return auth(BackendCode.AUTH_MD5_PASSWORD).bytes(salt).toByteArray();
  }

  public static byte[] authenticationSasl(List<String> mechanisms) {
    WireWriter w = auth(BackendCode.AUTH_SASL);
    mechanisms.forEach(w::cstring);
    return w.int8(0).toByteArray();
  }

  public static byte[] authenticationSaslContinue(byte[] data) {
    return auth(BackendCode.AUTH_SASL_CONTINUE).bytes(data).toByteArray();
  }

  public static byte[] authenticationSaslFinal(byte[] data) {
    return auth(BackendCode.AUTH_SASL_FINAL).bytes(data).toByteArray();
  }

  public static byte[] parameterStatus(String name, String value) {
    return WireWriter.message(BackendCode.PARAMETER_STATUS)
        .cstring(name)
        .cstring(value)
        .toByteArray();
  }

  public static byte[] backendKeyData(int processId, int secretKey) {
    return WireWriter.message(BackendCode.BACKEND_KEY_DATA)
        .int32(processId)
        .int32(secretKey)
        .toByteArray();
  }

  public static byte[] readyForQuery(TransactionStatus status) {
    return WireWriter.message(BackendCode.READY_FOR_QUERY).int8(status.code()).toByteArray();
  }

  public static byte[] commandComplete(String tag) {
    return WireWriter.message(BackendCode.COMMAND_COMPLETE).cstring(tag).toByteArray();
  }

  public static byte[] emptyQueryResponse() {
    return WireWriter.message(BackendCode.EMPTY_QUERY_RESPONSE).toByteArray();
  }

  public static byte[] rowDescription(List<Field> fields) {
    WireWriter w = WireWriter.message(BackendCode.ROW_DESCRIPTION).int16(fields.size());
    for (Field f : fields) {
      w.cstring(f.name()).int32(f.tableOid()).int16(f.columnNumber()).int32(f.typeOid());
      w.int16(f.typeLength()).int32(f.typeModifier()).int16(f.format());
    }
    return w.toByteArray();
  }

  /** A DataRow; a {@code null} value is SQL NULL. */
  public static byte[] dataRow(List<byte[]> values) {
    WireWriter w = WireWriter.message(BackendCode.DATA_ROW).int16(values.size());
    for (byte[] v : values) {
      if (v == null) {
        w.int32(-1);
      } else {
        w.int32(v.length).bytes(v);
      }
    }
    return w.toByteArray();
  }

  private static byte[] fields(byte type, ErrorFields fields) {
    WireWriter w = WireWriter.message(type);
    for (Map.Entry<Character, String> e : fields.fields().entrySet()) {
      char code = e.getKey();
      if (code == 0 || code > 0xff) {
        throw new IllegalArgumentException("invalid error field code");
      }
      w.int8(code).cstring(e.getValue());
    }
    return w.int8(0).toByteArray();
  }

  private static WireWriter auth(int code) {
    return WireWriter.message(BackendCode.AUTHENTICATION).int32(code);
  }
}
