package io.gatehouse.ssh.relay;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.channel.LocalWindow;
import org.apache.sshd.common.io.IoInputStream;
import org.apache.sshd.common.io.IoOutputStream;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelDataReceiver;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.channel.ChannelSessionAware;
import org.apache.sshd.server.command.AsyncCommandStreamsAware;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * A file-transfer channel (the sftp subsystem, which OpenSSH's scp uses too, or a legacy {@code scp
 * -t/-f} or {@code rsync --server} exec), relayed without pump threads: the client's data is taken
 * from the gateway's channel as it arrives and written asynchronously to the target channel, and
 * the target's output likewise to the client ({@link ForwardQueue}, {@link TransferTarget}). Each
 * leg's window is reopened only once its bytes were delivered to the other leg, so flow control
 * runs end to end as with the blocking streams of {@link RelayCommand}, without their copies
 * through a growing pipe buffer and a hand-off to a thread per direction.
 *
 * <p>The guard, the monitor's decision and exit recording are those of every relay; the monitor
 * sees the bytes through {@link ChannelMonitor.ChannelAudit#transferWatch()} (sftp file operations
 * are followed there) and cannot change them: transfers are neither masked nor recorded byte for
 * byte.
 */
final class TransferRelay extends RelayCommand
    implements ChannelSessionAware, AsyncCommandStreamsAware {

  private static final Logger LOG = Logger.getLogger(TransferRelay.class.getName());

  private final GuardRequest.Kind kind;
  private final String commandLine;
  private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
  private final FromClient fromClient = new FromClient();
  private volatile ChannelSession channel;
  private volatile ForwardQueue toClientOut;
  private volatile ForwardQueue toClientErr;
  private volatile ChannelMonitor.TransferWatch watch = new ChannelMonitor.TransferWatch() {};

  /**
   * @param kind a subsystem (then {@code commandLine} is its name) or an exec command line
   */
  TransferRelay(RelayContext context, GuardRequest.Kind kind, String commandLine) {
    super(context);
    this.kind = kind;
    this.commandLine = commandLine;
  }

  static SubsystemFactory subsystemFactory(RelayContext context, String name) {
    return new SubsystemFactory() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Command createSubsystem(ChannelSession channel) {
        return new TransferRelay(context, GuardRequest.Kind.SUBSYSTEM, name);
      }
    };
  }

  // MINA calls this before it wires the channel's streams: with a receiver installed here, the
  // client's data comes to FromClient instead of into a pipe.
  @Override
  public void setChannelSession(ChannelSession session) {
    this.channel = session;
    session.setDataReceiver(fromClient);
  }

  @Override
  public void setIoInputStream(IoInputStream in) {
    // Not used: the data receiver above takes the client's data.
  }

  @Override
  public void setIoOutputStream(IoOutputStream out) {
    toClientOut = new ForwardQueue(out, this::broken);
    setOutputStream(new QueueStream(toClientOut));
  }

  @Override
  public void setIoErrorStream(IoOutputStream err) {
    toClientErr = new ForwardQueue(err, this::broken);
    setErrorStream(new QueueStream(toClientErr));
  }

  @Override
  boolean signalWhenAbandoned() {
    return kind != GuardRequest.Kind.SUBSYSTEM;
  }

  @Override
  GuardRequest guardRequest(String connectionName, String identity) {
    return new GuardRequest(connectionName, identity, kind, commandLine);
  }

  @Override
  ClientChannel createTargetChannel(ClientSession target, Environment env) throws IOException {
    watch = audit().transferWatch();
    if (kind == GuardRequest.Kind.SUBSYSTEM) {
      return TransferTarget.subsystem(target, commandLine, new ToClient());
    }
    TransferTarget.Exec exec = TransferTarget.exec(target, commandLine, new ToClient());
    PtySettings.apply(env, exec);
    return exec;
  }

  @Override
  void relay(ClientChannel target, ServerSession session) throws IOException {
    TransferTarget.Channel leg = (TransferTarget.Channel) target;
    target.addCloseFutureListener(f -> outputEnded.complete(null));
    fromClient.attach(
        leg,
        new ForwardQueue(
            target.getAsyncIn(),
            e -> LOG.log(Level.FINE, "writing to the target failed (its channel closed)", e)),
        channel.getLocalWindow());
    try {
      outputEnded.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.log(Level.FINE, "transfer output ended abnormally", e);
    }
    finishAfterOutput(target);
  }

  // Whatever is queued for the client (relayed output, notices) goes before the exit status.
  @Override
  void beforeExit(Duration wait) {
    toClientOut.end(() -> {});
    toClientErr.end(() -> {});
    toClientOut.awaitEnd(wait);
    toClientErr.awaitEnd(wait);
  }

  private void broken(Throwable why) {
    LOG.log(Level.FINE, "writing to the client failed; closing the channel", why);
    ChannelSession own = channel;
    if (own != null) {
      own.close(false);
    }
    outputEnded.complete(null);
  }

  /** A call to the monitor's watch. */
  @FunctionalInterface
  private interface WatchCall {
    void run() throws IOException;
  }

  /**
   * Whether the watch saw the bytes; when it failed (a file operation could not be recorded), the
   * target channel is closed, which ends the client's channel too.
   */
  private static boolean watched(WatchCall call, ClientChannel target) {
    try {
      call.run();
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "transfer channel could not be followed; closing it", e);
      target.close(false);
      return false;
    }
  }

  /** The target's output, on the client I/O thread of the target session. */
  private final class ToClient implements TransferTarget.Sink {
    private WindowCredit credit; // the target channel's window, once it is open

    @Override
    public void data(TransferTarget.Channel from, byte[] bytes, int off, int len, boolean stderr)
        throws IOException {
      if (!stderr && !watched(() -> watch.toClient(bytes, off, len), from)) {
        return;
      }
      if (credit == null) {
        credit = new WindowCredit(from.getLocalWindow(), context.executor());
      }
      (stderr ? toClientErr : toClientOut).offer(bytes, off, len, credit);
    }

    @Override
    public void eof() {
      toClientErr.end(() -> {});
      toClientOut.end(() -> outputEnded.complete(null));
    }
  }

  /**
   * The client's data, on the gateway listener's I/O thread: held (within the window the gateway
   * granted) until the target channel is open, then forwarded in order.
   */
  private final class FromClient implements ChannelDataReceiver {
    private final List<byte[]> early = new ArrayList<>();
    private TransferTarget.Channel target;
    private ForwardQueue queue;
    private WindowCredit credit;
    private boolean eof;

    synchronized void attach(
        TransferTarget.Channel target, ForwardQueue queue, LocalWindow window) {
      this.target = target;
      this.queue = queue;
      this.credit = new WindowCredit(window, context.executor());
      for (byte[] bytes : early) {
        forward(bytes, 0, bytes.length);
      }
      early.clear();
      if (eof) {
        queue.end(this::eofToTarget);
      }
    }

    @Override
    public synchronized int data(ChannelSession session, byte[] buf, int start, int len) {
      if (queue == null) {
        early.add(Arrays.copyOfRange(buf, start, start + len));
      } else {
        forward(buf, start, len);
      }
      return 0;
    }

    private void forward(byte[] buf, int start, int len) {
      if (!watched(() -> watch.fromClient(buf, start, len), target)) {
        return;
      }
      queue.offer(buf, start, len, credit);
    }

    private void eofToTarget() {
      try {
        target.sendEofToTarget();
      } catch (IOException e) {
        LOG.log(Level.FINE, "EOF to the target failed", e);
      }
    }

    @Override
    public synchronized void close() {
      if (eof) {
        return;
      }
      eof = true;
      if (queue != null) {
        queue.end(this::eofToTarget);
      }
    }
  }

  /** Notices to the client (stdout/stderr) through the same ordered queue as relayed output. */
  private static final class QueueStream extends OutputStream {
    private final ForwardQueue queue;

    QueueStream(ForwardQueue queue) {
      this.queue = queue;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
      queue.offer(bytes, off, len, null);
    }
  }
}
