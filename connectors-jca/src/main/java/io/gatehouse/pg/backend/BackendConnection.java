package io.gatehouse.pg.backend;

import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.BackendMessage.BackendKeyData;
import io.gatehouse.pg.wire.BackendMessage.ErrorResponse;
import io.gatehouse.pg.wire.BackendMessage.ParameterStatus;
import io.gatehouse.pg.wire.BackendMessage.ReadyForQuery;
import io.gatehouse.pg.wire.BackendMessages;
import io.gatehouse.pg.wire.Frame;
import io.gatehouse.pg.wire.FrontendEncoder;
import io.gatehouse.pg.wire.TransactionStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An authenticated session with a target, handed over idle at ReadyForQuery. Relay with {@link
 * #input()}/{@link #output()} (buffered: always use these, not the socket's own streams, since
 * bytes may already be buffered), or frame by frame with {@link #read()}/{@link #send}. Not
 * thread-safe, except {@link #close()}.
 */
public final class BackendConnection implements AutoCloseable {
  private final BackendChannel channel;
  private final Map<String, String> parameters;
  private final BackendKeyData keyData;
  private final String authenticationMethod;
  private TransactionStatus status;
  private volatile boolean closed;
  private volatile boolean gone;

  BackendConnection(
      BackendChannel channel,
      Map<String, String> parameters,
      BackendKeyData keyData,
      TransactionStatus status,
      String authenticationMethod) {
    this.channel = channel;
    this.authenticationMethod = authenticationMethod;
    this.parameters = new LinkedHashMap<>(parameters);
    this.keyData = keyData;
    this.status = status;
  }

  /** The socket: an {@link javax.net.ssl.SSLSocket} when TLS is on (no NIO channel then). */
  public Socket socket() {
    return channel.socket();
  }

  public InputStream input() {
    return channel.in();
  }

  /**
   * Whether bytes from the backend are already buffered. When not, the next read may block: the
   * moment for a relay to flush what it has written to its client.
   */
  public boolean hasBufferedInput() {
    return channel.hasBufferedInput();
  }

  public OutputStream output() {
    return channel.out();
  }

  public boolean isTls() {
    return channel.isTls();
  }

  /** How the target authenticated the gateway: trust, password, md5, SCRAM-SHA-256(-PLUS). */
  public String authenticationMethod() {
    return authenticationMethod;
  }

  /** ParameterStatus values reported at startup (server_version, client_encoding, TimeZone...). */
  public Map<String, String> parameters() {
    return Collections.unmodifiableMap(parameters);
  }

  /** Key to cancel this session's queries, see {@link BackendConnector#cancel}; may be null. */
  public BackendKeyData keyData() {
    return keyData;
  }

  /** Transaction status at the last ReadyForQuery this object saw (connect or reset). */
  public TransactionStatus transactionStatus() {
    return status;
  }

  /** Reads one backend frame (blocking). */
  public Frame read() throws IOException {
    return channel.read();
  }

  /** Writes and flushes one whole frame. */
  public void send(byte[] frame) throws IOException {
    channel.send(frame);
  }

  /**
   * Makes the session fit for another user: rolls back any transaction, then {@code DISCARD ALL}.
   * Call only while the backend is idle (after ReadyForQuery, nothing in flight).
   *
   * @throws BackendRejectedException if the target reports an error; the connection is then unfit
   *     for reuse and should be closed
   */
  public void reset() throws IOException {
    channel.send(FrontendEncoder.query("ROLLBACK"));
    channel.send(FrontendEncoder.query("DISCARD ALL"));
    awaitReady(2, "resetting backend session failed");
  }

  // Reads up to the {@code queries}-th ReadyForQuery, keeping ParameterStatus values; the first
  // error, if any, is thrown after that.
  private void awaitReady(int queries, String context) throws IOException {
    BackendRejectedException failure = null;
    for (int ready = 0; ready < queries; ) {
      BackendMessage m = BackendMessages.parse(channel.read());
      if (m instanceof ReadyForQuery r) {
        status = r.status();
        ready++;
      } else if (m instanceof ParameterStatus p) {
        parameters.put(p.name(), p.value());
      } else if (m instanceof ErrorResponse e && failure == null) {
        failure = BackendConnector.rejected(e.fields(), context);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Applies run-time settings (name to value) to this session, as PostgreSQL applies those of a
   * startup message, in one query; the ParameterStatus values the target reports are kept ({@link
   * #parameters}). Call only while the backend is idle.
   *
   * @throws BackendRejectedException if the target refuses a setting (an invalid value); the
   *     session is unchanged by the whole query
   */
  public void apply(Map<String, String> settings) throws IOException {
    if (settings.isEmpty()) {
      return;
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    String separator = "";
    for (Map.Entry<String, String> setting : settings.entrySet()) {
      sql.append(separator)
          .append("pg_catalog.set_config(")
          .append(literal(setting.getKey()))
          .append(", ")
          .append(literal(setting.getValue()))
          .append(", false)");
      separator = ", ";
    }
    channel.send(FrontendEncoder.query(sql.toString()));
    awaitReady(1, "the target refused a startup setting");
  }

  // An escape-string literal: its meaning does not depend on standard_conforming_strings.
  static String literal(String value) {
    return "E'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /**
   * Cancels whatever this backend is running, with a CancelRequest on a new connection to the same
   * server (PostgreSQL's own cancel path; it needs no authentication).
   */
  public void cancelRunningQuery() throws IOException {
    BackendKeyData key = keyData();
    if (key == null) {
      return;
    }
    try (Socket cancel = new Socket()) {
      cancel.connect(socket().getRemoteSocketAddress(), 5_000);
      cancel.setSoTimeout(5_000);
      cancel
          .getOutputStream()
          .write(FrontendEncoder.cancelRequest(key.processId(), key.secretKey()));
      cancel.getOutputStream().flush();
      cancel.getInputStream().read();
    }
  }

  /**
   * For a pooled backend between sessions: whether the target still holds it open. An idle backend
   * is sent nothing until it is used, so any byte (the FATAL of a target shutting down) or the end
   * of the stream means it is gone. Waits at most a millisecond.
   */
  public boolean idleAndOpen() {
    Socket s = channel.socket();
    if (closed || gone || s.isClosed() || channel.hasBufferedInput()) {
      return false;
    }
    try {
      int timeout = s.getSoTimeout();
      s.setSoTimeout(1);
      try {
        s.getInputStream().read();
        gone = true;
        return false;
      } finally {
        s.setSoTimeout(timeout);
      }
    } catch (java.net.SocketTimeoutException idle) {
      return true;
    } catch (IOException e) {
      gone = true;
      return false;
    }
  }

  /** Sends Terminate (best effort) and closes the socket. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Socket s = channel.socket()) {
      s.setSoTimeout(1000);
      channel.send(FrontendEncoder.terminate());
    } catch (IOException ignored) {
      // the peer may already be gone; closing is all that is left
    }
  }
}
