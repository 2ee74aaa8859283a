package io.gatehouse.pg.wire;

/** Type bytes of frontend (client to server) messages, protocol 3.0. */
public final class FrontendCode {
  public static final byte BIND = 'B';
  public static final byte CLOSE = 'C';
  public static final byte COPY_DATA = 'd';
  public static final byte COPY_DONE = 'c';
  public static final byte COPY_FAIL = 'f';
  public static final byte DESCRIBE = 'D';
  public static final byte EXECUTE = 'E';
  public static final byte FLUSH = 'H';
  public static final byte FUNCTION_CALL = 'F';
  public static final byte PARSE = 'P';

  /** PasswordMessage, SASLInitialResponse, SASLResponse and GSSResponse share this byte. */
  public static final byte PASSWORD = 'p';

  public static final byte QUERY = 'Q';
  public static final byte SYNC = 'S';
  public static final byte TERMINATE = 'X';

  /** Untyped startup-phase packets: the 32-bit code that follows the length. */
  public static final int PROTOCOL_3_0 = 196608;

  public static final int SSL_REQUEST = 80877103;
  public static final int GSSENC_REQUEST = 80877104;
  public static final int CANCEL_REQUEST = 80877102;

  private FrontendCode() {}

  /** Message name for traces, e.g. {@code Parse}; never throws. */
  public static String name(byte type) {
    return switch (type) {
      case BIND -> "Bind";
      case CLOSE -> "Close";
      case COPY_DATA -> "CopyData";
      case COPY_DONE -> "CopyDone";
      case COPY_FAIL -> "CopyFail";
      case DESCRIBE -> "Describe";
      case EXECUTE -> "Execute";
      case FLUSH -> "Flush";
      case FUNCTION_CALL -> "FunctionCall";
      case PARSE -> "Parse";
      case PASSWORD -> "PasswordMessage";
      case QUERY -> "Query";
      case SYNC -> "Sync";
      case TERMINATE -> "Terminate";
      default -> "Unknown(0x" + Integer.toHexString(type & 0xff) + ")";
    };
  }
}
