package io.gatehouse.ssh.relay;

import io.gatehouse.ssh.server.SessionHandlers;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.command.CommandFactory;
import org.apache.sshd.server.shell.ShellFactory;

/**
 * The relay as a whole: give its {@link #handlers()} to the gateway's SSH server, and every exec,
 * shell and sftp channel of an authenticated session is relayed to the session's target.
 */
public final class SshRelay implements AutoCloseable {

  private final TargetConnector connector;
  private final RelayContext context;
  private final boolean ownsExecutor;
  private ForwardMonitor forwards;

  /** With a private thread pool (three pump threads per open channel). */
  public SshRelay(TargetResolver resolver, CommandGuard guard) {
    this(resolver, guard, ChannelMonitor.none());
  }

  /** With a private thread pool and a monitor that sees every channel (recording, masking). */
  public SshRelay(TargetResolver resolver, CommandGuard guard, ChannelMonitor monitor) {
    this(resolver, guard, monitor, Executors.newCachedThreadPool(daemonThreads()), true);
  }

  /**
   * With a private thread pool, a monitor, and target sessions from {@code pool} (null: a fresh
   * target session per gateway session, closed with it).
   */
  public SshRelay(
      TargetResolver resolver, CommandGuard guard, ChannelMonitor monitor, TargetPool pool) {
    this(resolver, guard, monitor, Executors.newCachedThreadPool(daemonThreads()), true, pool);
  }

  /**
   * As above, with local forwards ({@code ssh -L}, {@code ssh -W}) decided and recorded by {@code
   * forwards} and relayed over the target session.
   */
  public SshRelay(
      TargetResolver resolver,
      CommandGuard guard,
      ChannelMonitor monitor,
      ForwardMonitor forwards,
      TargetPool pool) {
    this(resolver, guard, monitor, Executors.newCachedThreadPool(daemonThreads()), true, pool);
    this.forwards = forwards;
  }

  /** With the caller's executor (the resource adapter's WorkManager, in production). */
  public SshRelay(TargetResolver resolver, CommandGuard guard, ExecutorService executor) {
    this(resolver, guard, ChannelMonitor.none(), executor, false, null);
  }

  private SshRelay(
      TargetResolver resolver,
      CommandGuard guard,
      ChannelMonitor monitor,
      ExecutorService executor,
      boolean owns) {
    this(resolver, guard, monitor, executor, owns, null);
  }

  private SshRelay(
      TargetResolver resolver,
      CommandGuard guard,
      ChannelMonitor monitor,
      ExecutorService executor,
      boolean owns,
      TargetPool pool) {
    this.connector = pool == null ? new TargetConnector() : null;
    TargetPool sessions = pool == null ? TargetPool.unpooled(connector) : pool;
    this.context =
        new RelayContext(new TargetSessions(resolver, sessions), guard, monitor, executor);
    this.ownsExecutor = owns;
  }

  public SessionHandlers handlers() {
    CommandFactory exec =
        (channel, commandLine) ->
            GuardRequest.isFileTransfer(GuardRequest.Kind.EXEC, commandLine)
                ? new TransferRelay(context, GuardRequest.Kind.EXEC, commandLine)
                : new ExecRelay(context, commandLine);
    ShellFactory shell = channel -> new ShellRelay(context);
    return new SessionHandlers(
        exec,
        shell,
        List.of(TransferRelay.subsystemFactory(context, "sftp")),
        forwards == null ? null : ForwardedConnection.factory(context, forwards),
        forwards == null ? null : RemoteForwards.requests(context, forwards),
        forwards == null ? null : AgentForwards.requests(context, forwards));
  }

  @Override
  public void close() throws IOException {
    if (connector != null) {
      connector.close();
    }
    if (ownsExecutor) {
      context.executor().shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "gatehouse-ssh-relay-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
