package io.gatehouse.pg.wire;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Typed messages a server sends; parse with {@link BackendMessages#parse}. {@link DataRow}, {@link
 * FrontendMessage.CopyData} and {@link FrontendMessage.CopyDone} are backend messages too.
 */
public sealed interface BackendMessage
    permits BackendMessage.AuthenticationOk,
        BackendMessage.AuthenticationCleartextPassword,
        BackendMessage.AuthenticationMd5Password,
        BackendMessage.AuthenticationSasl,
        BackendMessage.AuthenticationSaslContinue,
        BackendMessage.AuthenticationSaslFinal,
        BackendMessage.AuthenticationUnsupported,
        BackendMessage.ParameterStatus,
        BackendMessage.BackendKeyData,
        BackendMessage.ReadyForQuery,
        BackendMessage.RowDescription,
        BackendMessage.CommandComplete,
        BackendMessage.ErrorResponse,
        BackendMessage.NoticeResponse,
        BackendMessage.NotificationResponse,
        BackendMessage.CopyResponse,
        BackendMessage.ParameterDescription,
        BackendMessage.NegotiateProtocolVersion,
        BackendMessage.FunctionCallResponse,
        BackendMessage.NoBody,
        DataRow,
        FrontendMessage.CopyData,
        FrontendMessage.CopyDone {

  record AuthenticationOk() implements BackendMessage {}

  record AuthenticationCleartextPassword() implements BackendMessage {}

  /** {@code salt} is 4 bytes. */
  record AuthenticationMd5Password(ByteBuffer salt) implements BackendMessage {}

  /** The SASL mechanisms the server offers, in its order of preference. */
  record AuthenticationSasl(List<String> mechanisms) implements BackendMessage {
    public AuthenticationSasl {
      mechanisms = List.copyOf(mechanisms);
    }
  }

  record AuthenticationSaslContinue(ByteBuffer data) implements BackendMessage {}

  record AuthenticationSaslFinal(ByteBuffer data) implements BackendMessage {}

  /** Kerberos V5 (2), SCM credential (6), GSS (7, 8), SSPI (9): recognised, not supported. */
  record AuthenticationUnsupported(int code, ByteBuffer data) implements BackendMessage {}

  record ParameterStatus(String name, String value) implements BackendMessage {}

  /** Identifies the backend for a CancelRequest. */
  record BackendKeyData(int processId, int secretKey) implements BackendMessage {
    @Override
    public String toString() {
      return "BackendKeyData[processId=" + processId + "]";
    }
  }

  record ReadyForQuery(TransactionStatus status) implements BackendMessage {}

  record RowDescription(List<Field> fields) implements BackendMessage {
    public RowDescription {
      fields = List.copyOf(fields);
    }
  }

  /** One column of a RowDescription; {@code format} 0 = text, 1 = binary. */
  record Field(
      String name,
      int tableOid,
      short columnNumber,
      int typeOid,
      short typeLength,
      int typeModifier,
      short format) {}

  /** The command tag, e.g. {@code SELECT 3}, {@code INSERT 0 1}. */
  record CommandComplete(String tag) implements BackendMessage {}

  record ErrorResponse(ErrorFields fields) implements BackendMessage {}

  record NoticeResponse(ErrorFields fields) implements BackendMessage {}

  /** LISTEN/NOTIFY delivery. */
  record NotificationResponse(int processId, String channel, String payload)
      implements BackendMessage {}

  /** CopyInResponse 'G', CopyOutResponse 'H' or CopyBothResponse 'W'. */
  record CopyResponse(byte type, byte overallFormat, List<Integer> columnFormats)
      implements BackendMessage {
    public CopyResponse {
      columnFormats = List.copyOf(columnFormats);
    }
  }

  record ParameterDescription(List<Integer> typeOids) implements BackendMessage {
    public ParameterDescription {
      typeOids = List.copyOf(typeOids);
    }
  }

  record NegotiateProtocolVersion(int newestMinorVersion, List<String> unrecognizedOptions)
      implements BackendMessage {
    public NegotiateProtocolVersion {
      unrecognizedOptions = List.copyOf(unrecognizedOptions);
    }
  }

  /** {@code value} is {@code null} for a NULL result. */
  record FunctionCallResponse(ByteBuffer value) implements BackendMessage {}

  /**
   * Messages without a body: ParseComplete, BindComplete, CloseComplete, NoData, PortalSuspended,
   * EmptyQueryResponse.
   */
  record NoBody(byte type) implements BackendMessage {}
}
