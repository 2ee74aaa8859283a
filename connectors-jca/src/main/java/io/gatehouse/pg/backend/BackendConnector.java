package io.gatehouse.pg.backend;

import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.BackendMessage.BackendKeyData;
import io.gatehouse.pg.wire.BackendMessage.ErrorResponse;
import io.gatehouse.pg.wire.BackendMessage.NoticeResponse;
import io.gatehouse.pg.wire.BackendMessage.ParameterStatus;
import io.gatehouse.pg.wire.BackendMessage.ReadyForQuery;
import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.pg.wire.FrameDecoder;
import io.gatehouse.pg.wire.FrontendEncoder;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Opens authenticated sessions to target PostgreSQL servers. Stateless and thread-safe.
 *
 * <pre>{@code
 * BackendTarget t = BackendTarget.of("db.internal", 5432, "sales", "gh_reader")
 *     .withTls(TlsMode.VERIFY_FULL, Path.of("/etc/gatehouse/db-ca.pem"));
 * try (BackendConnection c = new BackendConnector().connect(t, BackendCredential.password(pw))) {
 *   c.send(FrontendEncoder.query("SELECT 1"));
 *   Frame f = c.read();   // RowDescription, DataRow, CommandComplete, ReadyForQuery
 * }
 * }</pre>
 */
public final class BackendConnector {
  /** Set on every session; callers may override it through extra parameters. */
  public static final String APPLICATION_NAME = "gatehouse";

  private static final Logger LOG = Logger.getLogger(BackendConnector.class.getName());

  private final FrameDecoder limits;

  public BackendConnector() {
    this(FrameDecoder.backend());
  }

  /** With a custom maximum backend message length. */
  public BackendConnector(FrameDecoder limits) {
    this.limits = limits;
  }

  /** Connects, negotiates TLS, authenticates, and returns the session idle at ReadyForQuery. */
  public BackendConnection connect(BackendTarget target, BackendCredential credential)
      throws BackendException {
    Socket socket = open(target);
    try {
      socket.setSoTimeout((int) target.handshakeTimeout().toMillis());
      Socket s = TlsNegotiator.negotiate(socket, target);
      BackendChannel channel = new BackendChannel(s, limits, target.toString());
      channel.send(FrontendEncoder.startupMessage(startupParameters(target)));
      BackendAuthenticator auth = new BackendAuthenticator(channel, target, credential);
      auth.authenticate();
      BackendConnection c = awaitReady(channel, target, auth.method());
      s.setSoTimeout(0);
      LOG.fine(
          () -> "connected to " + target + " tls=" + channel.isTls() + " auth=" + auth.method());
      return c;
    } catch (BackendException e) {
      closeQuietly(socket);
      throw e;
    } catch (SocketTimeoutException e) {
      closeQuietly(socket);
      throw new BackendUnavailableException("target " + target + " did not answer in time", e);
    } catch (EOFException e) {
      closeQuietly(socket);
      throw new BackendUnavailableException("target " + target + " closed the connection", e);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new BackendException("talking to " + target + " failed: " + e.getMessage(), e);
    }
  }

  /** Sends a CancelRequest for the session identified by {@code key} on its own connection. */
  public void cancel(BackendTarget target, BackendKeyData key) throws BackendException {
    Socket socket = open(target);
    try (socket) {
      socket.setSoTimeout((int) target.handshakeTimeout().toMillis());
      Socket s = TlsNegotiator.negotiate(socket, target);
      s.getOutputStream().write(FrontendEncoder.cancelRequest(key.processId(), key.secretKey()));
      s.getOutputStream().flush();
      s.getInputStream().read(); // the server closes the connection when done
    } catch (BackendException e) {
      throw e;
    } catch (IOException e) {
      throw new BackendUnavailableException("cancel request to " + target + " failed", e);
    }
  }

  static BackendRejectedException rejected(ErrorFields f, String context) {
    String state = f.sqlState() != null ? f.sqlState() : "XX000";
    String message = f.message() != null ? f.message() : "(no message)";
    return state.startsWith("28")
        ? new BackendAuthenticationException(state, message, context)
        : new BackendRejectedException(state, message, context);
  }

  /**
   * A channel-backed socket, like the client's (TcpListener): a plain {@code Socket} that has had
   * one timed read (the handshake's) stays non-blocking for good, so every later read of the relay
   * costs a failed read, a poll and a read; a channel's socket goes back to blocking reads.
   */
  private static Socket open(BackendTarget target) throws BackendUnavailableException {
    Socket socket;
    try {
      socket = SocketChannel.open().socket();
    } catch (IOException e) {
      throw new BackendUnavailableException("no socket for target " + target + ": " + e, e);
    }
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(
          new InetSocketAddress(target.host(), target.port()),
          (int) target.connectTimeout().toMillis());
      return socket;
    } catch (UnknownHostException e) {
      closeQuietly(socket);
      throw new BackendUnavailableException("unknown target host " + target.host(), e);
    } catch (ConnectException | NoRouteToHostException | SocketTimeoutException e) {
      closeQuietly(socket);
      throw new BackendUnavailableException(
          "target " + target + " unreachable: " + e.getMessage(), e);
    } catch (IOException e) {
      closeQuietly(socket);
      throw new BackendUnavailableException("cannot connect to " + target, e);
    }
  }

  private static Map<String, String> startupParameters(BackendTarget target) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("user", target.user());
    p.put("database", target.database());
    p.put("application_name", APPLICATION_NAME);
    p.putAll(target.extraParameters());
    return p;
  }

  private static BackendConnection awaitReady(
      BackendChannel channel, BackendTarget target, String method) throws IOException {
    Map<String, String> parameters = new LinkedHashMap<>();
    BackendKeyData key = null;
    while (true) {
      BackendMessage m = channel.receive();
      if (m instanceof ParameterStatus p) {
        parameters.put(p.name(), p.value());
      } else if (m instanceof BackendKeyData k) {
        key = k;
      } else if (m instanceof ReadyForQuery r) {
        return new BackendConnection(channel, parameters, key, r.status(), method);
      } else if (m instanceof ErrorResponse e) {
        throw rejected(e.fields(), "target " + target + " refused the session");
      } else if (!(m instanceof NoticeResponse)) {
        throw new BackendException("unexpected " + m + " from " + target + " after authentication");
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // nothing more to do
    }
  }
}
