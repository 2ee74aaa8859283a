package io.gatehouse.connector.ra;

import jakarta.resource.spi.work.Work;
import jakarta.resource.spi.work.WorkException;
import jakarta.resource.spi.work.WorkManager;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A listening socket owned by the resource adapter. The accept loop and every connection run as
 * {@link Work} on the container's work manager; a connection over the limit is closed at once so
 * one flood cannot starve the server.
 */
public final class TcpListener {

  private static final Logger LOG = Logger.getLogger(TcpListener.class.getName());

  private final String name;
  private final InetSocketAddress address;
  private final int maxConnections;
  private final ConnectionHandler handler;
  private final java.util.concurrent.Executor sessionThreads;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket serverSocket;

  public TcpListener(
      String name,
      InetSocketAddress address,
      int maxConnections,
      ConnectionHandler handler,
      java.util.concurrent.Executor sessionThreads) {
    this.name = name;
    this.address = address;
    this.maxConnections = maxConnections;
    this.handler = handler;
    this.sessionThreads = sessionThreads;
  }

  /** Binds and starts accepting; returns once the socket is bound. */
  public void start(WorkManager workManager) throws IOException, WorkException {
    ServerSocket socket = bindPatiently(address, BIND_PATIENCE);
    serverSocket = socket;
    workManager.startWork(new AcceptLoop());
    LOG.info(() -> name + " listener on " + socket.getLocalSocketAddress());
  }

  /** How long a port in use is retried at start: the busy spell of a port, not a wrong setting. */
  static final Duration BIND_PATIENCE =
      Duration.ofSeconds(Long.getLong("gatehouse.listener.bindPatienceSeconds", 60));

  /**
   * Binds, retrying while the port is in use: a port in the ephemeral range can be held for a
   * minute by a client connection's local end (TIME_WAIT) that happened to get that number, which
   * SO_REUSEADDR does not override. Another server really listening there keeps it busy, and the
   * start fails after {@code patience} with the port named.
   */
  static ServerSocket bindPatiently(InetSocketAddress address, Duration patience)
      throws IOException {
    long deadline = System.nanoTime() + patience.toNanos();
    boolean warned = false;
    while (true) {
      // Channel-backed: the sockets it accepts are too (see ChannelSockets).
      ServerSocket socket = ServerSocketChannel.open().socket();
      try {
        socket.setReuseAddress(true);
        socket.bind(address, 512);
        return socket;
      } catch (BindException e) {
        socket.close();
        if (System.nanoTime() - deadline >= 0) {
          BindException named =
              new BindException(
                  "cannot listen on "
                      + address
                      + ": "
                      + e.getMessage()
                      + " (still in use after "
                      + patience.toSeconds()
                      + " s; is another server listening there?)");
          named.initCause(e);
          throw named;
        }
        if (!warned) {
          warned = true;
          LOG.warning(
              () ->
                  "Port "
                      + address
                      + " is in use; retrying for up to "
                      + patience.toSeconds()
                      + " s (a closing connection may hold it)");
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The bound port (useful when configured as 0). */
  public int port() {
    ServerSocket socket = serverSocket;
    return socket == null ? -1 : socket.getLocalPort();
  }

  public int openConnections() {
    return open.size();
  }

  /** Stops accepting and closes every open connection. */
  public void stop() {
    ServerSocket socket = serverSocket;
    serverSocket = null;
    closeQuietly(socket);
    for (Socket client : open) {
      closeQuietly(client);
    }
    open.clear();
  }

  private final class AcceptLoop implements Work {

    @Override
    public void run() {
      while (serverSocket != null) {
        Socket client;
        try {
          client = serverSocket.accept();
        } catch (IOException e) {
          if (serverSocket != null) {
            LOG.log(Level.WARNING, name + " accept failed", e);
          }
          continue;
        }
        dispatch(client);
      }
    }

    private void dispatch(Socket client) {
      if (open.size() >= maxConnections) {
        LOG.warning(() -> name + " at its limit of " + maxConnections + " connections; refused");
        closeQuietly(client);
        return;
      }
      open.add(client);
      try {
        client.setTcpNoDelay(true);
        sessionThreads.execute(new Session(client));
      } catch (java.util.concurrent.RejectedExecutionException | SocketException e) {
        LOG.log(Level.WARNING, name + " could not start a session", e);
        open.remove(client);
        closeQuietly(client);
      }
    }

    @Override
    public void release() {
      stop();
    }
  }

  private final class Session implements Work {
    private final Socket client;

    Session(Socket client) {
      this.client = client;
    }

    @Override
    public void run() {
      try {
        handler.serve(client);
      } catch (IOException e) {
        LOG.log(Level.FINE, name + " session ended by I/O error", e);
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, name + " session failed", e);
      } finally {
        open.remove(client);
        closeQuietly(client);
      }
    }

    @Override
    public void release() {
      closeQuietly(client);
    }
  }

  static void closeQuietly(java.io.Closeable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (IOException ignored) {
      // Closing on the way out: nothing useful to do with the error.
    }
  }
}
