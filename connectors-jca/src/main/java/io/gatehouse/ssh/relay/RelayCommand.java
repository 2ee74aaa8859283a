package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.GatewaySshProperties;
import io.gatehouse.ssh.server.SessionAttributes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.channel.PtyCapableChannelSession;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.Signal;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;

/**
 * A gateway channel relayed to a target channel: guard check, target channel open, three pumps
 * (client stdin to target, target stdout and stderr to client), exit status back. Subclasses say
 * which target channel to open and what to check.
 */
abstract class RelayCommand implements Command {

  /** Exit status when the guard denies the request (as a shell does for "cannot execute"). */
  static final int EXIT_DENIED = 126;

  /** Exit status when the target cannot be reached or the relay fails (as ssh does). */
  static final int EXIT_UNAVAILABLE = 255;

  private static final Logger LOG = Logger.getLogger(RelayCommand.class.getName());

  protected final RelayContext context;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exitCallback;
  private volatile ClientChannel target;
  private volatile boolean agentForwarding;
  private volatile ChannelMonitor.ChannelAudit audit = new ChannelMonitor.ChannelAudit() {};
  private final AtomicBoolean exited = new AtomicBoolean();
  private volatile Duration exitWait =
      GatewaySshProperties.EXIT_STATUS_TIMEOUT.getRequiredDefault();

  RelayCommand(RelayContext context) {
    this.context = context;
  }

  /** What to ask the guard, or null when this channel kind is not checked per request. */
  abstract GuardRequest guardRequest(String connectionName, String identity);

  abstract ClientChannel createTargetChannel(ClientSession target, Environment env)
      throws IOException;

  /**
   * Whether the target may be sent a signal when the client leaves before the target's process
   * ends: true for exec and shell channels; OpenSSH refuses signals to subsystems (which end at end
   * of input anyway).
   */
  boolean signalWhenAbandoned() {
    return true;
  }

  /** Called once the target channel is open (window changes, signals). */
  void onTargetOpen(ClientChannel channel, Environment env) {}

  /**
   * The client's input on its way to the target. This is where line-level inspection of an
   * interactive shell will wrap the stream; exec and subsystems pass it through.
   */
  InputStream clientInput(InputStream clientIn) {
    return clientIn;
  }

  @Override
  public void start(ChannelSession channel, Environment env) {
    exitWait = GatewaySshProperties.EXIT_STATUS_TIMEOUT.getRequired(channel.getServerSession());
    agentForwarding = channel.getAttribute(SessionAttributes.AGENT_FORWARDING) != null;
    context.executor().execute(() -> run(channel.getServerSession(), env));
  }

  // The client's agent forwarding request was allowed on this channel: the target is asked too.
  private ClientChannel withAgent(ClientChannel channel) {
    if (agentForwarding && channel instanceof PtyCapableChannelSession session) {
      session.getSession().setAttribute(SessionAttributes.NOT_POOLED, Boolean.TRUE);
      session.setAgentForwarding(true);
    }
    return channel;
  }

  private void run(ServerSession session, Environment env) {
    try {
      GuardRequest asked =
          guardRequest(session.getUsername(), session.getAttribute(SessionAttributes.IDENTITY));
      GuardRequest request = asked == null ? null : asked.in(session, PtySettings.requested(env));
      ChannelMonitor.ChannelAudit opened;
      try {
        opened = context.monitor().open(session, request, env);
      } catch (IOException e) {
        fail(EXIT_UNAVAILABLE, "gatehouse: refused: " + e.getMessage());
        return;
      }
      audit = opened;
      if (env.getEnv().containsKey(GatewayNotices.SESSION_ID_ENV) && opened.sessionId() != null) {
        notice(GatewayNotices.SESSION + opened.sessionId());
      }
      if (request != null) {
        Decision decision = context.guard().check(request, this::notice);
        try {
          opened.decided(request, decision);
        } catch (IOException e) {
          fail(EXIT_DENIED, "gatehouse: refused: " + e.getMessage());
          return;
        }
        LOG.info(
            () ->
                "session "
                    + session
                    + ": "
                    + request.kind()
                    + " '"
                    + request.commandLine()
                    + "' "
                    + (decision.allowed() ? "allowed" : "denied: " + decision.message()));
        if (!decision.allowed()) {
          fail(EXIT_DENIED, GatewayNotices.DENIED + decision.message());
          return;
        }
      }
      ClientChannel channel =
          context.sessions().openChannel(session, t -> withAgent(createTargetChannel(t, env)));
      target = channel;
      onTargetOpen(channel, env);
      relay(channel, session);
    } catch (TargetUnavailableException e) {
      fail(EXIT_UNAVAILABLE, GatewayNotices.TARGET_UNAVAILABLE + e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "session " + session + ": relay failed", e);
      fail(EXIT_UNAVAILABLE, "gatehouse: relay to target failed: " + e.getMessage());
    }
  }

  /** What the guard and monitor decided for this channel (pass-through until then). */
  ChannelMonitor.ChannelAudit audit() {
    return audit;
  }

  /** Relays an open target channel until its output ends, then finishes with its exit status. */
  void relay(ClientChannel channel, ServerSession session) throws IOException {
    int buffer = GatewaySshProperties.RELAY_BUFFER_SIZE.getRequired(session);
    InputStream clientIn = audit.input(clientInput(in));
    OutputStream toClientErr = audit.error(err);
    OutputStream toClientOut = audit.output(out);
    Future<?> stdin =
        context.executor().submit(() -> quietly(clientIn, channel.getInvertedIn(), buffer, true));
    Future<?> stderr =
        context
            .executor()
            .submit(() -> quietly(channel.getInvertedErr(), toClientErr, buffer, false));
    quietly(channel.getInvertedOut(), toClientOut, buffer, false);
    awaitQuietly(stderr, exitWait);
    finishAfterOutput(channel);
    stdin.cancel(true);
  }

  /** The target's output has ended: waits (bounded) for its exit status and finishes with it. */
  final void finishAfterOutput(ClientChannel channel) {
    channel.waitFor(
        EnumSet.of(
            ClientChannelEvent.EXIT_STATUS,
            ClientChannelEvent.EXIT_SIGNAL,
            ClientChannelEvent.CLOSED),
        exitWait);
    finish(exitStatusOf(channel));
  }

  /** Called once before the exit status goes to the client: what is still queued must go first. */
  void beforeExit(Duration wait) {}

  private static Void quietly(InputStream from, OutputStream to, int buffer, boolean closeAtEof) {
    try {
      StreamPump.copy(from, to, buffer, closeAtEof);
    } catch (IOException e) {
      LOG.log(Level.FINE, "relay stream ended", e);
    }
    return null;
  }

  private static void awaitQuietly(Future<?> future, Duration timeout) {
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      future.cancel(true);
    }
  }

  private static int exitStatusOf(ClientChannel channel) {
    Integer status = channel.getExitStatus();
    if (status != null) {
      return status;
    }
    Signal signal = channel.getExitSignal() == null ? null : Signal.get(channel.getExitSignal());
    return signal != null ? 128 + signal.getNumeric() : EXIT_UNAVAILABLE;
  }

  private void notice(String message) {
    try {
      err.write((message + "\n").getBytes(StandardCharsets.UTF_8));
      err.flush();
    } catch (IOException e) {
      LOG.log(Level.FINE, "cannot tell the client", e);
    }
  }

  private void fail(int status, String message) {
    notice(message);
    finish(status);
  }

  private void finish(int status) {
    if (!exited.compareAndSet(false, true)) {
      return;
    }
    try {
      audit.exited(status);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "channel monitor failed at exit", e);
    }
    try {
      out.flush();
      err.flush();
    } catch (IOException e) {
      LOG.log(Level.FINE, "flush at exit failed", e);
    }
    beforeExit(exitWait);
    // The target channel is closed (gracefully: its CHANNEL_CLOSE is sent) before the client
    // hears the exit status. The other way round, the client's close could reach destroy()
    // first, whose immediate close unregisters the channel without telling the target: OpenSSH
    // then keeps that channel, and a pooled target session refuses new ones once MaxSessions
    // such channels have piled up.
    ClientChannel channel = target;
    if (channel != null) {
      channel.close(false);
    }
    exitCallback.onExit(status);
  }

  @Override
  public void destroy(ChannelSession channel) {
    ClientChannel current = target;
    if (current != null) {
      // The client left (or the session was terminated) while the target's process runs: it
      // is ended, as the recording says the session was (see TargetSignals).
      if (!exited.get() && signalWhenAbandoned() && TargetSignals.terminateIfRunning(current)) {
        LOG.info(
            () ->
                "session "
                    + channel.getServerSession()
                    + ": the client left while the target's process ran; sent it TERM");
      }
      // Gracefully, so the target hears CHANNEL_CLOSE (see finish); MINA closes it for good
      // after its channel-close timeout if the target does not answer.
      current.close(false);
    }
    if (exited.compareAndSet(false, true)) {
      try {
        audit.exited(ChannelMonitor.NO_EXIT_STATUS);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "channel monitor failed at close", e);
      }
    }
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exitCallback = callback;
  }
}
