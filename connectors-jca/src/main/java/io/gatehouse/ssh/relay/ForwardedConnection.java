package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.GatewaySshProperties;
import io.gatehouse.ssh.server.OpenRefusal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * A local forward ({@code ssh -L}, {@code ssh -W}: a {@code direct-tcpip} channel) relayed over the
 * session's target session: the gateway asks the {@link ForwardMonitor} (the policy, recorded),
 * then opens a {@code direct-tcpip} channel on the target session to the same destination, so the
 * connection starts from the target, as it would had the client logged in there, and never from the
 * gateway's own network. The client's channel is confirmed only once the target's is open; a
 * refusal (the policy's, or the target's own, such as OpenSSH's {@code PermitOpen}) reaches the
 * client as the open failure's message.
 *
 * <p>Bytes are relayed without threads, as a file transfer's are ({@link ForwardQueue}): each leg's
 * window is reopened only once its bytes were delivered to the other leg. Neither direction is
 * masked or recorded byte for byte; the recording has the decision, and at the end the bytes
 * carried each way.
 */
final class ForwardedConnection extends AbstractServerChannel {

  private static final Logger LOG = Logger.getLogger(ForwardedConnection.class.getName());
  private static final AttributeKey<AtomicInteger> OPEN = new AttributeKey<>();

  /** The {@code direct-tcpip} channel factory. */
  static ChannelFactory factory(RelayContext context, ForwardMonitor monitor) {
    return new ChannelFactory() {
      @Override
      public String getName() {
        return "direct-tcpip";
      }

      @Override
      public Channel createChannel(Session session) {
        return new ForwardedConnection(context, monitor);
      }
    };
  }

  private final RelayContext context;
  private final ForwardMonitor monitor;
  private final AtomicLong fromClient = new AtomicLong();
  private final AtomicLong toClient = new AtomicLong();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final ToClient sink = new ToClient();
  private volatile ForwardMonitor.Forward audit;
  private volatile TransferTarget.Channel target;
  private volatile ForwardQueue toTarget;
  private volatile WindowCredit clientCredit;
  private volatile ChannelAsyncOutputStream out;

  private ForwardedConnection(RelayContext context, ForwardMonitor monitor) {
    super("direct-tcpip", List.of(), null);
    this.context = context;
    this.monitor = monitor;
  }

  @Override
  protected OpenFuture doInit(Buffer buffer) {
    DefaultOpenFuture opened = new DefaultOpenFuture(this, futureLock);
    ForwardRequest request =
        new ForwardRequest(
            ForwardRequest.LOCAL,
            buffer.getString(),
            buffer.getInt(),
            buffer.getString(),
            buffer.getInt());
    ServerSession session = (ServerSession) getSession();
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

  private void open(ServerSession session, ForwardRequest request, DefaultOpenFuture opened) {
    String destination = request.host() + ":" + request.port();
    try {
      audit = monitor.open(session, request);
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
      target =
          (TransferTarget.Channel)
              context
                  .sessions()
                  .openChannel(session, t -> TransferTarget.directTcpip(t, request, sink), false);
    } catch (IOException | RuntimeException e) {
      String why = targetRefusal(e);
      audit.failed(why);
      LOG.info(
          () -> "session " + session + ": the target did not open " + destination + ": " + why);
      refuse(
          reason(e), "the target did not open a connection to " + destination + " (" + why + ")");
      return;
    }
    if (isClosing()) {
      target.close(false);
      return;
    }
    clientCredit = new WindowCredit(getLocalWindow(), context.executor());
    toTarget =
        new ForwardQueue(
            target.getAsyncIn(),
            e -> {
              LOG.log(Level.FINE, "writing to the target failed (its channel closed)", e);
              close(false);
            });
    target.addCloseFutureListener(f -> sink.targetClosed());
    // MINA confirms the open to the client when it hears of the success.
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
    fromClient.addAndGet(len);
    toTarget.offer(data, off, (int) len, clientCredit);
  }

  @Override
  protected void doWriteExtendedData(byte[] data, int off, long len) throws IOException {
    throw new IOException("a forwarded connection carries no extended data");
  }

  @Override
  public void handleEof() throws IOException {
    super.handleEof();
    ForwardQueue queue = toTarget;
    if (queue != null) {
      queue.end(
          () -> {
            try {
              target.sendEofToTarget();
            } catch (IOException e) {
              LOG.log(Level.FINE, "EOF to the target failed", e);
            }
          });
    }
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
    TransferTarget.Channel leg = target;
    if (leg != null) {
      leg.close(false);
    }
    ForwardMonitor.Forward watcher = audit;
    if (watcher != null && watcher.decision().allowed() && leg != null) {
      watcher.closed(fromClient.get(), toClient.get());
    }
  }

  /**
   * The target's bytes, on the target session's I/O thread: held (within the target channel's
   * window) until the client's channel is confirmed, then forwarded in order.
   */
  private final class ToClient implements TransferTarget.Sink {
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
      toClient.addAndGet(len);
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
      drained.thenRun(() -> close(false));
    }
  }
}
