package io.gatehouse.pg.wire;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Protocol traces at FINEST, pgjdbc style: {@code FE=> Parse(len=42)} and {@code <=BE
 * DataRow(len=17)}. Only type and length are logged, never a body, so no password or token leaks.
 */
public final class WireTrace {
  private WireTrace() {}

  /** A message the frontend sent (or the gateway sent as frontend). */
  public static void frontend(Logger log, String session, Frame frame) {
    if (log.isLoggable(Level.FINEST)) {
      String name = frame.isTyped() ? FrontendCode.name(frame.type()) : "StartupPacket";
      log.finest(session + " FE=> " + name + "(len=" + frame.length() + ")");
    }
  }

  /** A message the backend sent (or the gateway sent as backend). */
  public static void backend(Logger log, String session, Frame frame) {
    if (log.isLoggable(Level.FINEST)) {
      log.finest(
          session + " <=BE " + BackendCode.name(frame.type()) + "(len=" + frame.length() + ")");
    }
  }
}
