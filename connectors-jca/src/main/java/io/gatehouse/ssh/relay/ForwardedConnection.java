package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.GatewaySshProperties;
import io.gatehouse.ssh.server.OpenRefusal;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.client.future.DefaultOpenFuture;
import org.apache.sshd.client.future.OpenFuture;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelAsyncOutputStream;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.channel.exception.SshChannelOpenException;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.AbstractServerChannel;
import org.apache.sshd.server.session.ServerSession;

/**
 * A forwarded connection, relayed between two channels: the one it arrived on (this channel) and
 * one the gateway opens for it on the other side ({@link OtherLeg}).
 *
 * <p>A local forward ({@code ssh -L}, {@code ssh -W}: a {@code direct-tcpip} channel from the
 * client) is relayed over the session's target session: the gateway asks the {@link ForwardMonitor}
 * (the policy, recorded), then opens a {@code direct-tcpip} channel on the target session to the
 * same destination, so the connection starts from the target, as it would had the client logged in
 * there, and never from the gateway's own network. The client's channel is confirmed only once the
 * target's is open; a refusal (the policy's, or the target's own, such as OpenSSH's {@code
 * PermitOpen}) reaches the client as the open failure's message.
 *
 * <p>Bytes are relayed without threads, as a file transfer's are ({@link ForwardQueue}): each leg's
 * window is reopened only once its bytes were delivered to the other leg. Neither direction is
 * masked or recorded byte for byte; the recording has the decision, and at the end the bytes
 * carried each way.
 */
final class ForwardedConnection extends AbstractServerChannel {

  private static final Logger LOG = Logger.getLogger(ForwardedConnection.class.getName());
  private static final AttributeKey<AtomicInteger> OPEN = new AttributeKey<>();

  /** How long what the other side sent before it closed may wait for a reader. */
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(10);

  /**
   * How a forwarded connection's other leg is found: the gateway session it belongs to, what it
   * asks for, and the channel that carries it on from the gateway.
   */
  interface OtherLeg {
    /** The gateway (client's) session the connection belongs to, or null when none is known. */
    ServerSession gatewaySession(Session arrivedOn);

    /**
     * The request, read from the channel open's type-specific data.
     *
     * @throws IllegalArgumentException when it names no valid destination (the message says why)
     */
    ForwardRequest request(Session arrivedOn, Buffer open);

    /** Whether the channel the connection arrived on is the client's (local forwards). */
    boolean arrivedFromClient();

    /** The request completed off the I/O thread, before it is decided (by default as it is). */
    default ForwardRequest resolve(Session arrivedOn, ForwardRequest request) {
      return request;
    }

    /**
     * The decision already made for this connection (a remote forward's listener was allowed), or
     * null to ask the monitor.
     */
    default Decision decided(Session arrivedOn, ForwardRequest request) {
      return null;
    }

    /** Opens the other leg, whose incoming data goes to {@code sink}. */
    TransferTarget.Channel open(
        RelayContext context,
        ServerSession gateway,
        ForwardRequest request,
        TransferTarget.Sink sink)
        throws IOException;
  }

  /** The {@code direct-tcpip} channel factory: local forwards, relayed over the target session. */
  static ChannelFactory factory(RelayContext context, ForwardMonitor monitor) {
    return factory("direct-tcpip", context, monitor, LOCAL);
  }

  static ChannelFactory factory(
      String type, RelayContext context, ForwardMonitor monitor, OtherLeg leg) {
    return factory(type, session -> create(type, context, monitor, leg));
  }

  /** What relays the connections a target opens back to a client: its context and monitor. */
  interface Relaying {
    RelayContext context();

    ForwardMonitor monitor();
  }

  /**
   * A target-opened connection's channel; with {@code relaying} null (no gateway session asked for
   * such connections) it refuses to open.
   */
  static ForwardedConnection create(String type, Relaying relaying, OtherLeg leg) {
    return relaying == null
        ? create(type, null, null, leg)
        : create(type, relaying.context(), relaying.monitor(), leg);
  }

  /** A channel factory of {@code type} whose channels {@code create} makes per session. */
  static ChannelFactory factory(String type, Function<Session, Channel> create) {
    return new ChannelFactory() {
      @Override
      public String getName() {
        return type;
      }

      @Override
      public Channel createChannel(Session session) {
        return create.apply(session);
      }
    };
  }

  /** Opens {@code channel}, a leg to the client on its gateway session, or closes it. */
  static TransferTarget.Channel openToClient(ServerSession gateway, TransferTarget.Channel channel)
      throws IOException {
    try {
      channel.open().verify(GatewaySshProperties.TARGET_CONNECT_TIMEOUT.getRequired(gateway));
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close(true);
      throw e;
    }
  }

  /**
   * @param context null only when {@code leg} finds no gateway session (the channel is refused)
   */
  static ForwardedConnection create(
      String type, RelayContext context, ForwardMonitor monitor, OtherLeg leg) {
    return new ForwardedConnection(type, context, monitor, leg);
  }

  private static final OtherLeg LOCAL =
      new OtherLeg() {
        @Override
        public ServerSession gatewaySession(Session arrivedOn) {
          return (ServerSession) arrivedOn;
        }

        @Override
        public ForwardRequest request(Session arrivedOn, Buffer open) {
          return ForwardRequest.local(
              open.getString(), open.getUInt(), open.getString(), open.getUInt());
        }

        @Override
        public boolean arrivedFromClient() {
          return true;
        }

        @Override
        public TransferTarget.Channel open(
            RelayContext context,
            ServerSession gateway,
            ForwardRequest request,
            TransferTarget.Sink sink)
            throws IOException {
          return (TransferTarget.Channel)
              context
                  .sessions()
                  .openChannel(gateway, t -> TransferTarget.directTcpip(t, request, sink), false);
        }
      };

  private final String type;
  private final RelayContext context;
  private final ForwardMonitor monitor;
  private final OtherLeg leg;
  private final AtomicLong fromHere = new AtomicLong();
  private final AtomicLong toHere = new AtomicLong();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean endRecorded = new AtomicBoolean();
  private final Object eofLock = new Object();
  private boolean eofBeforeOpen; // guarded by eofLock
  private final ToHere sink = new ToHere();
  private volatile ForwardMonitor.Forward audit;
  private volatile boolean confirmed;
  private volatile TransferTarget.Channel target;
  private volatile ForwardQueue toTarget;
  private volatile WindowCredit clientCredit;
  private volatile ChannelAsyncOutputStream out;

  private ForwardedConnection(
      String type, RelayContext context, ForwardMonitor monitor, OtherLeg leg) {
    super(type, List.of(), null);
    this.type = type;
    this.context = context;
    this.monitor = monitor;
    this.leg = leg;
  }

  @Override
  protected OpenFuture doInit(Buffer buffer) {
    DefaultOpenFuture opened = new DefaultOpenFuture(this, futureLock);
    ForwardRequest request;
    try {
      request = leg.request(getSession(), buffer);
    } catch (IllegalArgumentException e) {
      refuse(SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, e.getMessage());
      return opened;
    } catch (RuntimeException e) {
      refuse(SshConstants.SSH_OPEN_CONNECT_FAILED, "a malformed channel open was refused");
      return opened;
    }
    ServerSession session = leg.gatewaySession(getSession());
    if (session == null) {
      LOG.info(
          () ->
              "a "
                  + type
                  + " channel from "
                  + getSession()
                  + " that no forward of a live session asked for was refused");
      refuse(
          SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED,
          "no forward of this session asked for this connection");
      return opened;
    }
    AtomicInteger open = session.computeAttributeIfAbsent(OPEN, key -> new AtomicInteger());
    int max = GatewaySshProperties.MAX_SESSION_CHANNELS.getRequired(session);
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refuse(
          SshConstants.SSH_OPEN_RESOURCE_SHORTAGE,
          "at most " + max + " forwarded connections at once per connection; close one first");
      return opened;
    }
    addCloseFutureListener(f -> open.decrementAndGet());
    addCloseFutureListener(f -> ended());
    try {
      // The decision may wait on the recording's disk, the target open on the network: neither
      // on the I/O thread.
      context.executor().execute(() -> open(session, request, opened));
    } catch (RejectedExecutionException e) {
      refuse(SshConstants.SSH_OPEN_CONNECT_FAILED, "the gateway is shutting down");
    }
    return opened;
  }

  private void open(ServerSession session, ForwardRequest asked, DefaultOpenFuture opened) {
    try {
      relay(session, asked, opened);
    } catch (RuntimeException e) {
      // Never left unanswered: that would hold one of the session's forward slots until the
      // other side gave up.
      LOG.log(Level.WARNING, "session " + session + ": a forwarded connection failed", e);
      TransferTarget.Channel other = target;
      if (other != null) {
        other.close(true);
      }
      ForwardMonitor.Forward watcher = audit;
      if (watcher != null && watcher.decision().allowed()) {
        recordEnd(() -> watcher.failed("the gateway failed: " + e));
      }
      if (confirmed) {
        close(true);
      } else {
        refuse(SshConstants.SSH_OPEN_CONNECT_FAILED, "the gateway failed to relay it");
      }
    }
  }

  private void relay(ServerSession session, ForwardRequest asked, DefaultOpenFuture opened) {
    ForwardRequest request = leg.resolve(getSession(), asked);
    String destination =
        ForwardRequest.AGENT.equals(request.kind())
            ? "the agent"
            : request.host() + ":" + request.port();
    try {
      Decision already = leg.decided(getSession(), request);
      audit =
          already == null
              ? monitor.open(session, request)
              : monitor.decided(session, request, already);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "session " + session + ": forward to " + destination + " refused", e);
      refuse(SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, e.getMessage());
      return;
    }
    Decision decision = audit.decision();
    if (!decision.allowed()) {
      LOG.info(() -> "session " + session + ": forward to " + destination + " refused");
      refuse(SshConstants.SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, decision.message());
      return;
    }
    try {
      target = leg.open(context, session, request, sink);
    } catch (IOException | RuntimeException e) {
      String why = targetRefusal(e);
      audit.failed(why);
      LOG.info(
          () -> "session " + session + ": the other side did not open " + destination + ": " + why);
      refuse(
          reason(e),
          (leg.arrivedFromClient() ? "the target" : "the client")
              + " did not open a connection to "
              + destination
              + " ("
              + why
              + ")");
      return;
    }
    if (isClosing()) {
      target.close(false);
      recordEnd(() -> audit.failed("the channel was closed before it was open"));
      return;
    }
    clientCredit = new WindowCredit(getLocalWindow(), context.executor());
    ForwardQueue queue =
        new ForwardQueue(
            target.getAsyncIn(),
            e -> {
              LOG.log(Level.FINE, "writing to the other side failed (its channel closed)", e);
              close(false);
            });
    synchronized (eofLock) {
      toTarget = queue;
      if (eofBeforeOpen) {
        endToTarget(queue);
      }
    }
    target.addCloseFutureListener(f -> sink.targetClosed());
    // MINA confirms the open to the client when it hears of the success.
    confirmed = true;
    signalChannelOpenSuccess();
    opened.setOpened();
    out = new ChannelAsyncOutputStream(this, SshConstants.SSH_MSG_CHANNEL_DATA);
    sink.attach(
        new ForwardQueue(
            out,
            e -> {
              LOG.log(Level.FINE, "writing to the client failed; closing the forward", e);
              close(false);
            }));
    audit.relaying(
        () -> {
          ended();
          close(false);
        });
  }

  private static String targetRefusal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SshChannelOpenException open) {
        return open.getMessage();
      }
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static int reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SshChannelOpenException open) {
        return open.getReasonCode();
      }
    }
    return SshConstants.SSH_OPEN_CONNECT_FAILED;
  }

  private void refuse(int reason, String message) {
    OpenRefusal.send(this, reason, "gatehouse: " + message);
  }

  @Override
  protected void doWriteData(byte[] data, int off, long len) throws IOException {
    ForwardQueue queue = toTarget;
    if (queue == null) {
      throw new IOException("data on a forwarded connection before its open was confirmed");
    }
    fromHere.addAndGet(len);
    queue.offer(data, off, (int) len, clientCredit);
  }

  @Override
  protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
    throw new IOException("a forwarded connection carries no extended data");
  }

  @Override
  public void handleEof() throws IOException {
    super.handleEof();
    synchronized (eofLock) {
      if (toTarget == null) {
        eofBeforeOpen = true; // passed on once the other leg is open
      } else {
        endToTarget(toTarget);
      }
    }
  }

  private void endToTarget(ForwardQueue queue) {
    queue.end(
        () -> {
          try {
            target.sendEofToTarget();
          } catch (IOException e) {
            LOG.log(Level.FINE, "EOF to the other side failed", e);
          }
        });
  }

  @Override
  public void handleWindowAdjust(Buffer buffer) throws IOException {
    super.handleWindowAdjust(buffer);
    ChannelAsyncOutputStream stream = out;
    if (stream != null) {
      stream.onWindowExpanded();
    }
  }

  private void ended() {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    TransferTarget.Channel other = target;
    ForwardMonitor.Forward watcher = audit;
    // Recorded before the other leg is closed: closing it can end the gateway session on this
    // thread, and the session's end waits for its forwards' ends to be recorded.
    if (watcher != null && watcher.decision().allowed() && other != null) {
      long in = fromHere.get();
      long back = toHere.get();
      recordEnd(
          () -> {
            if (this.leg.arrivedFromClient()) {
              watcher.closed(in, back);
            } else {
              watcher.closed(back, in);
            }
          });
    }
    if (other != null) {
      other.close(false);
    }
  }

  /**
   * Records the end once. It runs on the thread that closed the channel, so that when a session
   * closes, its forwards' ends are recorded before its own end is.
   */
  private void recordEnd(Runnable record) {
    if (endRecorded.compareAndSet(false, true)) {
      record.run();
    }
  }

  /**
   * The other leg's bytes, on its session's I/O thread: held (within that channel's window) until
   * this channel is confirmed, then forwarded in order.
   */
  private final class ToHere implements TransferTarget.Sink {
    private final List<byte[]> early = new ArrayList<>();
    private ForwardQueue queue;
    private WindowCredit credit;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private boolean eof;
    private boolean closed;

    synchronized void attach(ForwardQueue queue) {
      this.queue = queue;
      for (byte[] bytes : early) {
        forward(bytes, 0, bytes.length);
      }
      early.clear();
      if (eof) {
        endToClient();
      }
      if (closed) {
        closeAfterOutput();
      }
    }

    @Override
    public synchronized void data(
        TransferTarget.Channel from, byte[] bytes, int off, int len, boolean stderr) {
      if (credit == null) {
        credit = new WindowCredit(from.getLocalWindow(), context.executor());
      }
      if (queue == null) {
        early.add(Arrays.copyOfRange(bytes, off, off + len));
      } else {
        forward(bytes, off, len);
      }
    }

    private void forward(byte[] bytes, int off, int len) {
      toHere.addAndGet(len);
      queue.offer(bytes, off, len, credit);
    }

    @Override
    public synchronized void eof() {
      eof = true;
      if (queue != null) {
        endToClient();
      }
    }

    synchronized void targetClosed() {
      closed = true;
      if (queue != null) {
        closeAfterOutput();
      }
    }

    private void endToClient() {
      queue.end(
          () -> {
            try {
              sendEof();
            } catch (IOException e) {
              LOG.log(Level.FINE, "EOF to the client failed", e);
            }
            drained.complete(null);
          });
    }

    // What the target sent before it closed still reaches the client, then the channel closes.
    private void closeAfterOutput() {
      queue.end(() -> drained.complete(null)); // no-op when EOF already ended the queue
      // A client that stops reading does not keep the channel (and a window of bytes) forever.
      drained
          .completeOnTimeout(null, DRAIN_LIMIT.toSeconds(), TimeUnit.SECONDS)
          .thenRun(() -> close(false));
    }
  }
}
