package io.gatehouse.web.api.connections.exec;

import io.gatehouse.pg.wire.BackendMessage;
import io.gatehouse.pg.wire.BackendMessages;
import io.gatehouse.pg.wire.DataRow;
import io.gatehouse.pg.wire.ErrorFields;
import io.gatehouse.pg.wire.FrameDecoder;
import io.gatehouse.pg.wire.FrontendEncoder;
import io.gatehouse.pg.wire.StreamFrameReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Runs one statement through the gateway's own PostgreSQL listener on loopback, with the caller's
 * token as password: the exact data path (policy, masking, recording) a psql client gets. A
 * statement held for review is not waited for: the notice names the review and the connection is
 * closed, so the review stays open for a reviewer and the statement can be sent again.
 */
@ApplicationScoped
public class GatewayStatementClient {

  static final int MAX_ROWS = 1000;
  private static final Pattern HELD = Pattern.compile("waiting for review ([0-9a-f-]{36})");

  @Inject
  @ConfigProperty(name = "gatehouse.postgres.port", defaultValue = "15432")
  int port;

  /**
   * Runs {@code sql} on {@code connection} as the token's identity. The bulkhead and the breaker of
   * each connection's target are {@link ConnectionGuards}; this breaker only counts failures to
   * reach the gateway's own listener, which every connection shares.
   */
  @Timeout(30_000)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.75,
      delay = 10_000,
      failOn = IOException.class)
  public ExecOutcome run(String connection, String token, String sql) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      StreamFrameReader in =
          new StreamFrameReader(
              new BufferedInputStream(socket.getInputStream()), FrameDecoder.backend());
      out.write(
          FrontendEncoder.startupMessage(
              Map.of(
                  "user",
                  "gatehouse-exec",
                  "database",
                  connection,
                  "application_name",
                  "gatehouse-exec")));
      out.flush();
      ExecOutcome refused = authenticate(in, out, token);
      if (refused != null) {
        return refused;
      }
      out.write(FrontendEncoder.query(sql));
      out.flush();
      return results(in);
    }
  }

  private static ExecOutcome authenticate(StreamFrameReader in, OutputStream out, String token)
      throws IOException {
    while (true) {
      BackendMessage message = BackendMessages.parse(in.read());
      if (message instanceof BackendMessage.AuthenticationCleartextPassword) {
        out.write(FrontendEncoder.passwordMessage(token));
        out.flush();
      } else if (message instanceof BackendMessage.ErrorResponse error) {
        return unreachable(error.fields())
            ? new ExecOutcome.TargetDown(error.fields().message())
            : refused(error.fields());
      } else if (message instanceof BackendMessage.ReadyForQuery) {
        return null;
      }
    }
  }

  private static ExecOutcome results(StreamFrameReader in) throws IOException {
    List<String> columns = List.of();
    List<List<String>> rows = new ArrayList<>();
    String command = null;
    boolean truncated = false;
    ExecOutcome.Refused error = null;
    while (true) {
      BackendMessage message = BackendMessages.parse(in.read());
      if (message instanceof BackendMessage.NoticeResponse notice) {
        Matcher held = HELD.matcher(String.valueOf(notice.fields().message()));
        if (held.find()) {
          return new ExecOutcome.Held(held.group(1), "pending", notice.fields().message());
        }
      } else if (message instanceof BackendMessage.RowDescription description) {
        columns = description.fields().stream().map(BackendMessage.Field::name).toList();
      } else if (message instanceof DataRow row) {
        if (rows.size() < MAX_ROWS) {
          rows.add(text(row));
        } else {
          truncated = true;
        }
      } else if (message instanceof BackendMessage.CommandComplete complete) {
        command = complete.tag();
      } else if (message instanceof BackendMessage.ErrorResponse failure) {
        error = refused(failure.fields());
      } else if (message instanceof BackendMessage.ReadyForQuery) {
        return error != null ? error : new ExecOutcome.Completed(columns, rows, command, truncated);
      }
    }
  }

  private static List<String> text(DataRow row) {
    List<String> values = new ArrayList<>(row.columnCount());
    for (int i = 0; i < row.columnCount(); i++) {
      if (row.isNull(i)) {
        values.add(null);
      } else {
        ByteBuffer value = row.value(i).duplicate();
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        values.add(new String(bytes, StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  /** SQLSTATE class 08: the gateway could not reach the connection's target. */
  private static boolean unreachable(ErrorFields fields) {
    return fields.sqlState() != null && fields.sqlState().startsWith("08");
  }

  private static ExecOutcome.Refused refused(ErrorFields fields) {
    return new ExecOutcome.Refused(
        fields.sqlState(), fields.message(), fields.fields().get(ErrorFields.HINT));
  }
}
