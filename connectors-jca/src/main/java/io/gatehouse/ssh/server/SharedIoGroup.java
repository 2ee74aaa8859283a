package io.gatehouse.ssh.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.io.nio2.Nio2Acceptor;
import org.apache.sshd.common.io.nio2.Nio2Connector;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;

/**
 * One NIO2 channel group for the gateway's SSH listener and every MINA client it opens to targets.
 *
 * <p>By default each MINA server or client has a channel group of its own. A relay reads a packet
 * on one leg's I/O thread and writes it to the other leg's socket; when that write completes, the
 * JDK may run its completion handler on the calling thread only if that thread belongs to the
 * socket's group, and otherwise hands it to one of the other group's threads. With a group per leg,
 * every relayed packet cost such a hand-off (a thread woken, a context switch, and the wait for it
 * between one packet and the next). With one group, a write that the socket takes at once completes
 * on the thread that made it: a transfer's context switches fell by about 40 % upload and 10 %
 * download (BENCHMARKS.md, 2026-12-04 13:33 UTC).
 *
 * <p>The group lives while some MINA server or client uses it: the first {@link
 * IoServiceFactoryFactory#create} starts it, and it is shut down when the last factory is closed
 * (so a redeployed resource adapter does not leave threads behind). Its executor has as many
 * threads as the two default groups it replaces together (twice the processors plus two); MINA's
 * {@code nio-workers} property, which sized those, does not apply to it.
 *
 * <p>A consequence callers must respect: a completion can now run inside a write to the other leg,
 * that is while MINA holds that leg's session lock. Code run from a write's completion must
 * therefore not write to another session directly; the transfer relay hands its window adjustments
 * to its executor for this reason ({@code WindowCredit}).
 */
public final class SharedIoGroup {

  private static final Logger LOG = Logger.getLogger(SharedIoGroup.class.getName());

  private static final Object LOCK = new Object();
  private static Threads current;
  private static int users;

  private SharedIoGroup() {}

  /** Creates factories that use the shared group; set it on an SSH server or client. */
  public static IoServiceFactoryFactory factoryFactory() {
    return new IoServiceFactoryFactory() {
      @Override
      public IoServiceFactory create(FactoryManager manager) {
        Threads threads = acquire();
        try {
          return new SharedFactory(manager, threads);
        } catch (RuntimeException | Error e) {
          release(threads);
          throw e;
        }
      }

      @Override
      public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
        // The shared group's executor is the point; one of a caller's own is not used.
      }
    };
  }

  /** How many MINA servers and clients use the group now (0 when it is shut down). */
  public static int users() {
    synchronized (LOCK) {
      return users;
    }
  }

  /** The group in use, or null when none is. */
  static AsynchronousChannelGroup group() {
    synchronized (LOCK) {
      return current == null ? null : current.group;
    }
  }

  private static Threads acquire() {
    synchronized (LOCK) {
      if (current == null) {
        current = new Threads();
      }
      users++;
      return current;
    }
  }

  private static void release(Threads threads) {
    synchronized (LOCK) {
      if (threads != current) {
        return;
      }
      if (--users == 0) {
        current = null;
        threads.shutdown();
      }
    }
  }

  /** The group, its executor, and MINA's executor for resumed reads. */
  private static final class Threads {
    final CloseableExecutorService executor;
    final CloseableExecutorService resume;
    final AsynchronousChannelGroup group;

    Threads() {
      int workers = 2 * (Runtime.getRuntime().availableProcessors() + 1);
      executor = ThreadUtils.newFixedThreadPool("gatehouse-ssh-io", workers);
      resume = ThreadUtils.newFixedThreadPool("gatehouse-ssh-io-resume", workers);
      try {
        group = AsynchronousChannelGroup.withThreadPool(ThreadUtils.noClose(executor));
      } catch (IOException e) {
        executor.shutdownNow();
        resume.shutdownNow();
        throw new UncheckedIOException("cannot start the SSH I/O channel group", e);
      }
    }

    void shutdown() {
      try {
        group.shutdownNow();
      } catch (IOException e) {
        LOG.log(Level.FINE, "closing the SSH I/O channel group's channels", e);
      } finally {
        executor.shutdownNow();
        resume.shutdownNow();
      }
    }
  }

  /**
   * MINA's NIO2 factory with its acceptors and connectors on the shared group. Its superclass still
   * makes a group of its own over the shared executor, which is never used (one idle polling
   * thread) and is shut down with the factory.
   */
  private static final class SharedFactory extends Nio2ServiceFactory {
    private final Threads threads;
    private final AtomicBoolean released = new AtomicBoolean();

    SharedFactory(FactoryManager manager, Threads threads) {
      super(manager, ThreadUtils.noClose(threads.executor), ThreadUtils.noClose(threads.resume));
      this.threads = threads;
    }

    @Override
    public IoConnector createConnector(IoHandler handler) {
      return autowireCreatedService(
          new Nio2Connector(this, getFactoryManager(), handler, threads.group, threads.resume));
    }

    @Override
    public IoAcceptor createAcceptor(IoHandler handler) {
      return autowireCreatedService(
          new Nio2Acceptor(this, getFactoryManager(), handler, threads.group, threads.resume));
    }

    @Override
    protected void doCloseImmediately() {
      try {
        super.doCloseImmediately();
      } finally {
        if (released.compareAndSet(false, true)) {
          release(threads);
        }
      }
    }
  }
}
