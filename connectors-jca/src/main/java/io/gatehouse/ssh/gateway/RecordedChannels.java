package io.gatehouse.ssh.gateway;

import io.gatehouse.recording.JsonText;
import io.gatehouse.ssh.relay.ChannelMonitor;
import io.gatehouse.ssh.relay.Decision;
import io.gatehouse.ssh.relay.GuardRequest;
import io.gatehouse.ssh.server.GatewaySshProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.session.ServerSession;

/**
 * Records every channel of a session: a {@code shell}, {@code command} (exec, with the guard's
 * decision and rule) or {@code subsystem} event when it starts, the terminal's {@code output} and
 * {@code input} with their time offsets (masked output only), and {@code exit}. A PTY's keystrokes
 * go through {@link ShellInput} (a line at a time, redacted when not echoed; in a shell under
 * command rules each line is checked at Enter). An sftp channel's file operations are followed
 * ({@link SftpOperations}), as is a legacy scp channel's ({@link ScpOperations}), and recorded as
 * {@code file} events; the bytes of transfers (sftp, legacy scp) are neither recorded nor masked.
 */
final class RecordedChannels implements ChannelMonitor {

  private static final Logger LOG = Logger.getLogger(RecordedChannels.class.getName());

  private final ScheduledExecutorService timers;
  private final SshGateway.Reviews reviews;

  /**
   * @param reviews the control plane's reviews, for shell lines a policy holds; null refuses them
   */
  RecordedChannels(ScheduledExecutorService timers, SshGateway.Reviews reviews) {
    this.timers = timers;
    this.reviews = reviews;
  }

  @Override
  public ChannelAudit open(ServerSession session, GuardRequest request, Environment env)
      throws IOException {
    SshSessionState state = session.getAttribute(SshSessionState.KEY);
    if (state == null) {
      throw new IOException("this session has no session plan");
    }
    int channel = state.nextChannel();
    boolean transfer = request != null && request.isFileTransfer();
    if (request == null) {
      Decision decision =
          state.guard() == null ? Decision.allow() : state.guard().checkShell(hasPty(env));
      state.counted(decision.allowed());
      state.record(
          "shell",
          "{\"channel\":"
              + channel
              + terminal(env)
              + (decision.allowed() ? "" : ",\"message\":" + JsonText.quote(decision.message()))
              + timing(state)
              + "}",
          decision.outcome(),
          decision.ruleId());
      if (!decision.allowed()) {
        throw new IOException(decision.message());
      }
    }
    boolean sftp =
        request != null
            && request.kind() == GuardRequest.Kind.SUBSYSTEM
            && "sftp".equals(request.commandLine());
    // A shell, or an exec of something that reads its commands from the input (`ssh -t c bash`):
    // with a PTY and under command rules, its lines are checked at Enter.
    boolean lines =
        request == null
            || request.kind() == GuardRequest.Kind.EXEC
                && state.guard() != null
                && state.guard().readsCommandsFromInput(request.commandLine());
    String exec =
        request != null && request.kind() == GuardRequest.Kind.EXEC ? request.commandLine() : null;
    return new Audit(session, state, channel, env, transfer, lines, sftp, exec);
  }

  private static boolean hasPty(Environment env) {
    return env.getEnv().containsKey(Environment.ENV_COLUMNS) || !env.getPtyModes().isEmpty();
  }

  private static String terminal(Environment env) {
    Map<String, String> vars = env.getEnv();
    return ",\"pty\":"
        + hasPty(env)
        + ",\"width\":"
        + number(vars.get(Environment.ENV_COLUMNS), 80)
        + ",\"height\":"
        + number(vars.get(Environment.ENV_LINES), 24)
        + ",\"term\":"
        + JsonText.quote(vars.get(Environment.ENV_TERM));
  }

  private static int number(String value, int fallback) {
    try {
      return value == null ? fallback : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String timing(SshSessionState state) {
    return ",\"t\":" + state.offset();
  }

  private final class Audit implements ChannelAudit {
    private final ServerSession session;
    private final SshSessionState state;
    private final int channel;
    private final Environment env;
    private final boolean transfer;
    private final boolean lines;
    private final EchoWatch echo;
    private final SftpOperations sftp;
    private final ScpOperations scp;
    private volatile RecordedOutput out;
    private RecordedOutput err;

    Audit(
        ServerSession session,
        SshSessionState state,
        int channel,
        Environment env,
        boolean transfer,
        boolean lines,
        boolean sftp,
        String command) {
      this.session = session;
      this.state = state;
      this.channel = channel;
      this.env = env;
      this.transfer = transfer;
      this.lines = lines;
      this.echo = !transfer && hasPty(env) ? new EchoWatch() : null;
      this.sftp = sftp ? new SftpOperations(this::recordFile) : null;
      this.scp =
          transfer && command != null ? ScpOperations.forCommand(command, this::recordScp) : null;
      if (echo != null) {
        env.addSignalListener((ignored, signal) -> recordResize(), Signal.WINCH);
      }
    }

    // A window change, so that a replay resizes where the client's terminal did ("r" frames).
    private void recordResize() {
      Map<String, String> vars = env.getEnv();
      try {
        state.record(
            "resize",
            "{\"channel\":"
                + channel
                + ",\"width\":"
                + number(vars.get(Environment.ENV_COLUMNS), 80)
                + ",\"height\":"
                + number(vars.get(Environment.ENV_LINES), 24)
                + timing(state)
                + "}",
            null,
            null);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "session " + sessionId() + ": a window change was not recorded", e);
      }
    }

    @Override
    public String sessionId() {
      return state.plan().sessionId();
    }

    @Override
    public void decided(GuardRequest request, Decision decision) throws IOException {
      boolean exec = request.kind() == GuardRequest.Kind.EXEC;
      state.counted(decision.allowed());
      state.record(
          exec ? "command" : "subsystem",
          "{\"channel\":"
              + channel
              + (exec ? ",\"command\":" : ",\"name\":")
              + JsonText.quote(request.commandLine())
              + (decision.allowed() ? "" : ",\"message\":" + JsonText.quote(decision.message()))
              + (exec ? terminal(env) : "")
              + timing(state)
              + "}",
          decision.outcome(),
          decision.ruleId());
    }

    @Override
    public OutputStream output(OutputStream toClient) {
      if (transfer) {
        return toClient;
      }
      out = recorded(toClient, "stdout");
      if (echo == null) {
        return out;
      }
      RecordedOutput masked = out;
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
          echo.output(bytes, off, len);
          masked.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
          masked.flush();
        }
      };
    }

    @Override
    public OutputStream error(OutputStream toClient) {
      if (transfer) {
        return toClient;
      }
      state.warnOn(toClient);
      err = recorded(toClient, "stderr");
      return err;
    }

    @Override
    public InputStream input(InputStream fromClient) {
      if (transfer) {
        return fromClient;
      }
      if (echo != null) {
        PolicyCommandGuard guard = state.guard();
        boolean inspect = lines && guard != null && guard.inspectsLines();
        return new ShellInput(
            fromClient,
            echo,
            inspect ? new ShellLines(session, state, channel, reviews, () -> out) : null,
            this::recordKeys,
            state::offset,
            GatewaySshProperties.ECHO_WAIT.getRequired(session).toMillis());
      }
      return new RecordedInput(
          fromClient,
          text ->
              state.record(
                  "input",
                  "{\"channel\":"
                      + channel
                      + timing(state)
                      + ",\"data\":"
                      + JsonText.quote(text)
                      + "}",
                  null,
                  null));
    }

    /**
     * An sftp channel's packets, or a legacy scp channel's protocol, are followed for its file
     * operations; other bytes pass unseen.
     */
    @Override
    public TransferWatch transferWatch() {
      if (scp != null) {
        return new TransferWatch() {
          @Override
          public void fromClient(byte[] bytes, int off, int len) throws IOException {
            scp.fromClient(bytes, off, len);
          }

          @Override
          public void toClient(byte[] bytes, int off, int len) throws IOException {
            scp.toClient(bytes, off, len);
          }
        };
      }
      if (sftp == null) {
        return new TransferWatch() {};
      }
      SftpPackets requests = new SftpPackets(sftp::request);
      SftpPackets replies = new SftpPackets(sftp::reply);
      return new TransferWatch() {
        @Override
        public void fromClient(byte[] bytes, int off, int len) throws IOException {
          if (!requests.broken()) {
            requests.feed(bytes, off, len);
          }
        }

        @Override
        public void toClient(byte[] bytes, int off, int len) throws IOException {
          if (!replies.broken()) {
            replies.feed(bytes, off, len);
          }
        }
      };
    }

    private void recordFile(SftpOperations.Operation op) throws IOException {
      recordFile(op, "");
    }

    // A legacy scp file: as an sftp one, with the protocol and the name as sent.
    private void recordScp(ScpOperations.File file) throws IOException {
      String mode = file.upload() ? "write" : "read";
      long read = file.upload() ? 0 : file.bytes();
      long written = file.upload() ? file.bytes() : 0;
      recordFile(
          new SftpOperations.Operation(
              file.op(), file.path(), null, mode, read, written, file.status()),
          ",\"protocol\":\"scp\""
              + (file.name() == null ? "" : ",\"name\":" + JsonText.quote(file.name())));
    }

    private void recordFile(SftpOperations.Operation op, String extra) throws IOException {
      String direction = op.written() > 0 ? "upload" : op.read() > 0 ? "download" : null;
      state.record(
          "file",
          "{\"channel\":"
              + channel
              + ",\"op\":"
              + JsonText.quote(op.op())
              + ",\"path\":"
              + JsonText.quote(op.path())
              + extra
              + (op.to() == null ? "" : ",\"to\":" + JsonText.quote(op.to()))
              + (op.mode() == null ? "" : ",\"mode\":" + JsonText.quote(op.mode()))
              + (direction == null ? "" : ",\"direction\":\"" + direction + "\"")
              + (op.op().equals("close")
                  ? ",\"read\":" + op.read() + ",\"written\":" + op.written()
                  : "")
              + ",\"status\":"
              + JsonText.quote(op.status())
              + timing(state)
              + "}",
          null,
          null);
    }

    private void recordKeys(String keys, boolean echoed, String startedAt) throws IOException {
      state.record(
          "input",
          "{\"channel\":"
              + channel
              + ",\"t\":"
              + startedAt
              + (echoed
                  ? ",\"data\":" + JsonText.quote(keys)
                  : ",\"data\":\"\",\"redacted\":\"typed without echo\",\"keys\":"
                      + keys.codePointCount(0, keys.length()))
              + "}",
          null,
          null);
    }

    private RecordedOutput recorded(OutputStream toClient, String stream) {
      return new RecordedOutput(
          toClient,
          state.masking().isEmpty() ? null : state.masking().newStreamingMasker(),
          text ->
              state.record(
                  "output",
                  "{\"channel\":"
                      + channel
                      + ",\"stream\":\""
                      + stream
                      + "\""
                      + timing(state)
                      + ",\"data\":"
                      + JsonText.quote(text)
                      + "}",
                  null,
                  null),
          timers);
    }

    @Override
    public void exited(int status) {
      if (scp != null) {
        try {
          scp.finish();
        } catch (IOException e) {
          LOG.log(Level.WARNING, "could not record the scp file of channel " + channel, e);
        }
      }
      if (sftp != null) {
        try {
          sftp.finish();
        } catch (IOException e) {
          LOG.log(Level.WARNING, "could not record the open files of channel " + channel, e);
        }
      }
      if (out != null) {
        out.finish();
      }
      if (err != null) {
        err.finish();
      }
      try {
        state.record(
            "exit",
            "{\"channel\":"
                + channel
                + (status == NO_EXIT_STATUS ? "" : ",\"status\":" + status)
                + timing(state)
                + "}",
            null,
            null);
      } catch (IOException e) {
        LOG.log(Level.WARNING, "could not record the exit of channel " + channel, e);
      }
    }
  }
}
