package io.gatehouse.pg.wire;

import java.io.IOException;

/**
 * A peer sent bytes that are not a valid protocol message. The message is written for the peer (it
 * can go verbatim into a FATAL ErrorResponse, see {@link #toFatalErrorResponse()}) and never
 * contains message payloads.
 */
public class WireFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public WireFormatException(String message) {
    this(SqlState.PROTOCOL_VIOLATION, message);
  }

  public WireFormatException(String sqlState, String message) {
    super(message);
    this.sqlState = sqlState;
  }

  /** The SQLSTATE to report: 08P01 protocol_violation unless a more specific one applies. */
  public String sqlState() {
    return sqlState;
  }

  /** A complete ErrorResponse frame (severity FATAL) to send before closing the connection. */
  public byte[] toFatalErrorResponse() {
    return BackendEncoder.errorResponse(ErrorFields.fatal(sqlState, getMessage()));
  }
}
