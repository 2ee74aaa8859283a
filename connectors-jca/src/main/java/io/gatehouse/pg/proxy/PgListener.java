package io.gatehouse.pg.proxy;

import io.gatehouse.connector.api.AccessDeniedException;
import io.gatehouse.connector.api.AccessRequest;
import io.gatehouse.connector.api.Protocol;
import io.gatehouse.connector.api.SessionPlan;
import io.gatehouse.connector.ra.ConnectionHandler;
import io.gatehouse.connector.ra.LiveSessions;
import io.gatehouse.pg.pool.PgBackend;
import io.gatehouse.pg.wire.BackendEncoder;
import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.pg.wire.Frame;
import io.gatehouse.pg.wire.FrameDecoder;
import io.gatehouse.pg.wire.FrontendCode;
import io.gatehouse.pg.wire.FrontendMessage;
import io.gatehouse.pg.wire.FrontendMessages;
import io.gatehouse.pg.wire.SqlState;
import io.gatehouse.pg.wire.StreamFrameReader;
import io.gatehouse.pg.wire.WireFormatException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;

/**
 * Serves one PostgreSQL client: startup and TLS, a connection requiring TLS refused before the
 * password when the client has none, the access token as a cleartext password (inside TLS), the
 * control plane's decision, a pooled backend, then the relay. Every refusal is a FATAL
 * ErrorResponse that says why.
 */
public final class PgListener implements ConnectionHandler {

  private static final Logger LOG = Logger.getLogger(PgListener.class.getName());
  private static final int MAX_PASSWORD_MESSAGE = 64 * 1024;

  private final PgEnvironment environment;
  private final CancelRegistry cancels = new CancelRegistry();
  private final LiveSessions live;

  public PgListener(PgEnvironment environment, LiveSessions live) {
    this.environment = environment;
    this.live = live;
  }

  @Override
  public void serve(Socket socket) throws IOException {
    socket.setSoTimeout(environment.startupTimeoutMillis());
    String clientAddress = socket.getInetAddress().getHostAddress();
    ClientStartup.ClientChannel channel;
    try {
      channel = new ClientStartup(environment.tls(), cancels).negotiate(socket);
    } catch (WireFormatException e) {
      // ClientStartup has told the client, on its channel of the moment.
      LOG.info(() -> "Refused a malformed startup from " + clientAddress + ": " + e.getMessage());
      return;
    } catch (SSLException | SocketTimeoutException e) {
      LOG.fine(() -> "Startup from " + clientAddress + " failed: " + e.getMessage());
      return;
    }
    if (channel == null) {
      return;
    }
    ClientOutput out = new ClientOutput(channel.out());
    try {
      authenticateAndRelay(channel, out, clientAddress);
    } catch (WireFormatException e) {
      fatalQuietly(out, e.sqlState(), e.getMessage());
    } catch (SocketTimeoutException e) {
      fatalQuietly(out, SqlState.PROTOCOL_VIOLATION, "timed out waiting for the password");
    }
  }

  private void authenticateAndRelay(
      ClientStartup.ClientChannel channel, ClientOutput out, String clientAddress)
      throws IOException {
    ConnectionName name = ConnectionName.parse(channel.startup().database());
    // Refused settings (role, replication) end the startup before the token is asked for.
    StartupSettings settings = StartupSettings.of(channel.startup().parameters());
    if (!channel.tls() && refusedBeforeToken(name.connection(), out, clientAddress)) {
      return;
    }
    out.send(BackendEncoder.authenticationCleartextPassword());
    Frame frame =
        new StreamFrameReader(channel.in(), FrameDecoder.frontend(MAX_PASSWORD_MESSAGE)).read();
    if (frame.type() != FrontendCode.PASSWORD) {
      throw new WireFormatException(
          SqlState.PROTOCOL_VIOLATION, "expected a password message during authentication");
    }
    String token =
        ((FrontendMessage.AuthenticationResponse) FrontendMessages.parse(frame))
            .asPassword()
            .password();
    AccessRequest request =
        new AccessRequest(
            Protocol.POSTGRES,
            name.connection(),
            name.database(),
            token,
            clientAddress,
            channel.tls(),
            channel.startup().user());
    SessionPlan plan;
    try {
      plan = environment.access().open(request);
    } catch (AccessDeniedException e) {
      LOG.info(
          () ->
              "Refused "
                  + clientAddress
                  + " on "
                  + name.connection()
                  + ": "
                  + e.reason()
                  + " "
                  + e.getMessage());
      fatalQuietly(out, sqlState(e.reason()), e.getMessage());
      return;
    }
    SessionRules rules;
    try {
      rules = environment.rules().rulesFor(plan, clientAddress);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Policy of " + plan.connection() + " cannot be applied", e);
      fatalQuietly(
          out,
          SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
          "the policy of connection \""
              + plan.connection()
              + "\" cannot be applied; access refused");
      return;
    }
    // Checked again on the plan's own policy: it may have changed since the first answer.
    if (rules.requireTls() && !channel.tls()) {
      refuseForTls(out, plan.connection());
      return;
    }
    PgBackend backend;
    try {
      backend = environment.backends().acquire(plan);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Target of " + plan.connection() + " unavailable", e);
      fatalQuietly(
          out,
          SqlState.CONNECTION_FAILURE,
          "the target of connection \""
              + plan.connection()
              + "\" is unavailable; try again later ("
              + e.getMessage()
              + ")");
      return;
    }
    channel.socket().setSoTimeout(0);
    new PgSession(environment, plan, rules, channel, out, backend, cancels, live, settings).run();
  }

  /**
   * Refuses a client without TLS before it is asked for its token when the connection's policy
   * requires TLS, so the token never crosses in clear. An unknown connection goes on to the
   * password and is refused after it, with the control plane's usual message.
   */
  private boolean refusedBeforeToken(String connection, ClientOutput out, String clientAddress) {
    try {
      if (!environment.tlsRequirement().requiredFor(connection)) {
        return false;
      }
      LOG.info(() -> "Refused " + clientAddress + " on " + connection + ": TLS required");
      refuseForTls(out, connection);
    } catch (AccessDeniedException e) {
      LOG.info(() -> "Refused " + clientAddress + " on " + connection + ": " + e.getMessage());
      fatalQuietly(out, sqlState(e.reason()), e.getMessage());
    }
    return true;
  }

  private static void refuseForTls(ClientOutput out, String connection) {
    fatalQuietly(
        out,
        SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
        "connection \"" + connection + "\" requires TLS; connect with sslmode=require");
  }

  static String sqlState(AccessDeniedException.Reason reason) {
    return switch (reason) {
      case INVALID_CREDENTIAL -> SqlState.INVALID_PASSWORD;
      case UNKNOWN_CONNECTION, NOT_PERMITTED -> SqlState.INVALID_AUTHORIZATION_SPECIFICATION;
      case UNAVAILABLE -> SqlState.CANNOT_CONNECT_NOW;
    };
  }

  static void fatalQuietly(ClientOutput out, String sqlState, String message) {
    try {
      out.send(BackendEncoder.errorResponse(ErrorFields.fatal(sqlState, "Gatehouse: " + message)));
    } catch (IOException ignored) {
      // The client is gone; nothing more to tell it.
    }
  }
}
