package io.gatehouse.ssh.gateway;

import io.gatehouse.recording.JsonText;
import io.gatehouse.ssh.relay.ChannelMonitor;
import io.gatehouse.ssh.relay.Decision;
import io.gatehouse.ssh.relay.GuardRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.session.ServerSession;

/**
 * Records every channel of a session: a {@code shell}, {@code command} (exec, with the guard's
 * decision and rule) or {@code subsystem} event when it starts, the terminal's {@code output} and
 * {@code input} with their time offsets (masked output only), and {@code exit}. File transfers
 * (sftp, legacy scp) are recorded as started and ended; their bytes are neither recorded nor
 * masked.
 */
final class RecordedChannels implements ChannelMonitor {

  private static final Logger LOG = Logger.getLogger(RecordedChannels.class.getName());

  private final ScheduledExecutorService timers;

  RecordedChannels(ScheduledExecutorService timers) {
    this.timers = timers;
  }

  @Override
  public ChannelAudit open(ServerSession session, GuardRequest request, Environment env)
      throws IOException {
    SshSessionState state = session.getAttribute(SshSessionState.KEY);
    if (state == null) {
      throw new IOException("this session has no session plan");
    }
    int channel = state.nextChannel();
    boolean transfer = request != null && isFileTransfer(request);
    if (request == null) {
      Decision decision = state.guard() == null ? Decision.allow() : state.guard().checkShell();
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
    return new Audit(state, channel, env, transfer);
  }

  private static boolean isFileTransfer(GuardRequest request) {
    String line = request.commandLine().stripLeading();
    return request.kind() == GuardRequest.Kind.SUBSYSTEM
        || line.startsWith("scp ")
        || line.startsWith("rsync --server");
  }

  private static String terminal(Environment env) {
    Map<String, String> vars = env.getEnv();
    boolean pty = vars.containsKey(Environment.ENV_COLUMNS) || !env.getPtyModes().isEmpty();
    return ",\"pty\":"
        + pty
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
    private final SshSessionState state;
    private final int channel;
    private final Environment env;
    private final boolean transfer;
    private RecordedOutput out;
    private RecordedOutput err;

    Audit(SshSessionState state, int channel, Environment env, boolean transfer) {
      this.state = state;
      this.channel = channel;
      this.env = env;
      this.transfer = transfer;
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
      return out;
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
