package io.gatehouse.pg.wire;

/** Type bytes of backend (server to client) messages and the Authentication request codes. */
public final class BackendCode {
  public static final byte AUTHENTICATION = 'R';
  public static final byte BACKEND_KEY_DATA = 'K';
  public static final byte BIND_COMPLETE = '2';
  public static final byte CLOSE_COMPLETE = '3';
  public static final byte COMMAND_COMPLETE = 'C';
  public static final byte COPY_BOTH_RESPONSE = 'W';
  public static final byte COPY_DATA = 'd';
  public static final byte COPY_DONE = 'c';
  public static final byte COPY_IN_RESPONSE = 'G';
  public static final byte COPY_OUT_RESPONSE = 'H';
  public static final byte DATA_ROW = 'D';
  public static final byte EMPTY_QUERY_RESPONSE = 'I';
  public static final byte ERROR_RESPONSE = 'E';
  public static final byte FUNCTION_CALL_RESPONSE = 'V';
  public static final byte NEGOTIATE_PROTOCOL_VERSION = 'v';
  public static final byte NO_DATA = 'n';
  public static final byte NOTICE_RESPONSE = 'N';
  public static final byte NOTIFICATION_RESPONSE = 'A';
  public static final byte PARAMETER_DESCRIPTION = 't';
  public static final byte PARAMETER_STATUS = 'S';
  public static final byte PARSE_COMPLETE = '1';
  public static final byte PORTAL_SUSPENDED = 's';
  public static final byte READY_FOR_QUERY = 'Z';
  public static final byte ROW_DESCRIPTION = 'T';

  /** Int32 that opens an Authentication ('R') message body. */
  public static final int AUTH_OK = 0;

  public static final int AUTH_KERBEROS_V5 = 2;
  public static final int AUTH_CLEARTEXT_PASSWORD = 3;
  public static final int AUTH_MD5_PASSWORD = 5;
  public static final int AUTH_GSS = 7;
  public static final int AUTH_GSS_CONTINUE = 8;
  public static final int AUTH_SSPI = 9;
  public static final int AUTH_SASL = 10;
  public static final int AUTH_SASL_CONTINUE = 11;
  public static final int AUTH_SASL_FINAL = 12;

  private BackendCode() {}

  /** Message name for traces, e.g. {@code DataRow}; never throws. */
  public static String name(byte type) {
    return switch (type) {
      case AUTHENTICATION -> "Authentication";
      case BACKEND_KEY_DATA -> "BackendKeyData";
      case BIND_COMPLETE -> "BindComplete";
      case CLOSE_COMPLETE -> "CloseComplete";
      case COMMAND_COMPLETE -> "CommandComplete";
      case COPY_BOTH_RESPONSE -> "CopyBothResponse";
      case COPY_DATA -> "CopyData";
      case COPY_DONE -> "CopyDone";
      case COPY_IN_RESPONSE -> "CopyInResponse";
      case COPY_OUT_RESPONSE -> "CopyOutResponse";
      case DATA_ROW -> "DataRow";
      case EMPTY_QUERY_RESPONSE -> "EmptyQueryResponse";
      case ERROR_RESPONSE -> "ErrorResponse";
      case FUNCTION_CALL_RESPONSE -> "FunctionCallResponse";
      case NEGOTIATE_PROTOCOL_VERSION -> "NegotiateProtocolVersion";
      case NO_DATA -> "NoData";
      case NOTICE_RESPONSE -> "NoticeResponse";
      case NOTIFICATION_RESPONSE -> "NotificationResponse";
      case PARAMETER_DESCRIPTION -> "ParameterDescription";
      case PARAMETER_STATUS -> "ParameterStatus";
      case PARSE_COMPLETE -> "ParseComplete";
      case PORTAL_SUSPENDED -> "PortalSuspended";
      case READY_FOR_QUERY -> "ReadyForQuery";
      case ROW_DESCRIPTION -> "RowDescription";
      default -> "Unknown(0x" + Integer.toHexString(type & 0xff) + ")";
    };
  }
}
