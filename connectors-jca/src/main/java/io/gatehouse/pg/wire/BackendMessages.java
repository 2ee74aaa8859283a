package io.gatehouse.pg.wire;

import io.gatehouse.pg.wire.BackendMessage.AuthenticationCleartextPassword;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationMd5Password;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationOk;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationSasl;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationSaslContinue;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationSaslFinal;
import io.gatehouse.pg.wire.BackendMessage.AuthenticationUnsupported;
import io.gatehouse.pg.wire.BackendMessage.BackendKeyData;
import io.gatehouse.pg.wire.BackendMessage.CommandComplete;
import io.gatehouse.pg.wire.BackendMessage.CopyResponse;
import io.gatehouse.pg.wire.BackendMessage.ErrorResponse;
import io.gatehouse.pg.wire.BackendMessage.Field;
import io.gatehouse.pg.wire.BackendMessage.FunctionCallResponse;
import io.gatehouse.pg.wire.BackendMessage.NegotiateProtocolVersion;
import io.gatehouse.pg.wire.BackendMessage.NoBody;
import io.gatehouse.pg.wire.BackendMessage.NoticeResponse;
import io.gatehouse.pg.wire.BackendMessage.NotificationResponse;
import io.gatehouse.pg.wire.BackendMessage.ParameterDescription;
import io.gatehouse.pg.wire.BackendMessage.ParameterStatus;
import io.gatehouse.pg.wire.BackendMessage.ReadyForQuery;
import io.gatehouse.pg.wire.BackendMessage.RowDescription;
import io.gatehouse.pg.wire.FrontendMessage.CopyData;
import io.gatehouse.pg.wire.FrontendMessage.CopyDone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses typed backend frames; an unknown type byte is a protocol violation. */
public final class BackendMessages {
  private BackendMessages() {}

  public static BackendMessage parse(Frame frame) throws WireFormatException {
    byte type = frame.type();
    if (type == BackendCode.DATA_ROW) {
      return DataRow.parse(frame.body());
    }
    WireReader r = new WireReader(frame.body(), BackendCode.name(type));
    BackendMessage m =
        switch (type) {
          case BackendCode.AUTHENTICATION -> authentication(r);
          case BackendCode.PARAMETER_STATUS -> new ParameterStatus(r.cstring(), r.cstring());
          case BackendCode.BACKEND_KEY_DATA -> new BackendKeyData(r.int32(), r.int32());
          case BackendCode.READY_FOR_QUERY -> new ReadyForQuery(TransactionStatus.of(r.int8()));
          case BackendCode.ROW_DESCRIPTION -> rowDescription(r);
          case BackendCode.COMMAND_COMPLETE -> new CommandComplete(r.cstring());
          case BackendCode.ERROR_RESPONSE -> new ErrorResponse(errorFields(r));
          case BackendCode.NOTICE_RESPONSE -> new NoticeResponse(errorFields(r));
          case BackendCode.NOTIFICATION_RESPONSE ->
              new NotificationResponse(r.int32(), r.cstring(), r.cstring());
          case BackendCode.COPY_IN_RESPONSE,
              BackendCode.COPY_OUT_RESPONSE,
              BackendCode.COPY_BOTH_RESPONSE ->
              copyResponse(type, r);
          case BackendCode.COPY_DATA -> new CopyData(r.rest());
          case BackendCode.COPY_DONE -> new CopyDone();
          case BackendCode.PARAMETER_DESCRIPTION -> new ParameterDescription(int32s(r));
          case BackendCode.NEGOTIATE_PROTOCOL_VERSION -> negotiate(r);
          case BackendCode.FUNCTION_CALL_RESPONSE -> functionCallResponse(r);
          case BackendCode.PARSE_COMPLETE,
              BackendCode.BIND_COMPLETE,
              BackendCode.CLOSE_COMPLETE,
              BackendCode.NO_DATA,
              BackendCode.PORTAL_SUSPENDED,
              BackendCode.EMPTY_QUERY_RESPONSE ->
              new NoBody(type);
          default -> throw new WireFormatException("invalid backend message type " + (type & 0xff));
        };
    r.end();
    return m;
  }

  private static BackendMessage authentication(WireReader r) throws WireFormatException {
    int code = r.int32();
    return switch (code) {
      case BackendCode.AUTH_OK -> new AuthenticationOk();
      case BackendCode.AUTH_CLEARTEXT_PASSWORD -> new AuthenticationCleartextPassword();
      case BackendCode.AUTH_MD5_PASSWORD -> new AuthenticationMd5Password(r.slice(4));
      case BackendCode.AUTH_SASL -> new AuthenticationSasl(strings(r));
      case BackendCode.AUTH_SASL_CONTINUE -> new AuthenticationSaslContinue(r.rest());
      case BackendCode.AUTH_SASL_FINAL -> new AuthenticationSaslFinal(r.rest());
      case BackendCode.AUTH_KERBEROS_V5,
          6,
          BackendCode.AUTH_GSS,
          BackendCode.AUTH_GSS_CONTINUE,
          BackendCode.AUTH_SSPI ->
          new AuthenticationUnsupported(code, r.rest());
      default -> throw r.error("unknown authentication request " + code);
    };
  }

  /** A list of strings ended by an empty one. */
  private static List<String> strings(WireReader r) throws WireFormatException {
    List<String> list = new ArrayList<>();
    for (String s = r.cstring(); !s.isEmpty(); s = r.cstring()) {
      list.add(s);
    }
    return list;
  }

  private static RowDescription rowDescription(WireReader r) throws WireFormatException {
    int n = r.count16();
    List<Field> fields = new ArrayList<>(Math.min(n, r.remaining() / 19));
    for (int i = 0; i < n; i++) {
      fields.add(
          new Field(r.cstring(), r.int32(), r.int16(), r.int32(), r.int16(), r.int32(), r.int16()));
    }
    return new RowDescription(fields);
  }

  private static ErrorFields errorFields(WireReader r) throws WireFormatException {
    Map<Character, String> fields = new LinkedHashMap<>();
    for (byte code = r.int8(); code != 0; code = r.int8()) {
      fields.put((char) (code & 0xff), r.cstring());
    }
    return new ErrorFields(fields);
  }

  private static CopyResponse copyResponse(byte type, WireReader r) throws WireFormatException {
    byte overall = r.int8();
    int n = r.count16();
    List<Integer> formats = new ArrayList<>(Math.min(n, r.remaining() / 2));
    for (int i = 0; i < n; i++) {
      formats.add((int) r.int16());
    }
    return new CopyResponse(type, overall, formats);
  }

  private static List<Integer> int32s(WireReader r) throws WireFormatException {
    int n = r.count16();
    List<Integer> list = new ArrayList<>(Math.min(n, r.remaining() / 4));
    for (int i = 0; i < n; i++) {
      list.add(r.int32());
    }
    return list;
  }

  private static NegotiateProtocolVersion negotiate(WireReader r) throws WireFormatException {
    int minor = r.int32();
    int n = r.int32();
    if (n < 0 || n > r.remaining()) {
      throw r.error("invalid option count " + n);
    }
    List<String> options = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      options.add(r.cstring());
    }
    return new NegotiateProtocolVersion(minor, options);
  }

  private static FunctionCallResponse functionCallResponse(WireReader r)
      throws WireFormatException {
    int len = r.int32();
    if (len < -1) {
      throw r.error("invalid result length " + len);
    }
    return new FunctionCallResponse(len == -1 ? null : r.slice(len));
  }
}
